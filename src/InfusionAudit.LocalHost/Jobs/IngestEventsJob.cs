using Azure.Storage.Queues.Models;
using InfusionAudit.Application.Ingestion;
using Microsoft.Azure.WebJobs;

namespace InfusionAudit.LocalHost.Jobs;

/// <summary>The queue trigger on the device event queue: a thin adapter over <see cref="IngestHandler"/>.</summary>
public sealed class IngestEventsJob(IngestHandler ingest)
{
    [FunctionName("IngestEvents")]
    public async Task RunAsync([QueueTrigger("%InfusionAudit:EventsQueue%")] QueueMessage message, CancellationToken cancellationToken)
    {
        await ingest.HandleQueueMessageAsync(message.Body.ToString(), message.MessageId, message.InsertedOn, cancellationToken);
    }
}
