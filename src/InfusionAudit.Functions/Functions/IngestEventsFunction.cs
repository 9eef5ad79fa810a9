using Azure.Storage.Queues.Models;
using InfusionAudit.Application.Ingestion;
using Microsoft.Azure.Functions.Worker;

namespace InfusionAudit.Functions.Functions;

/// <summary>Queue trigger on the device event queue (base64 JSON, one event or up to 100).</summary>
public sealed class IngestEventsFunction(IngestHandler ingest)
{
    [Function("IngestEvents")]
    public async Task Run([QueueTrigger("%InfusionAudit:EventsQueue%", Connection = "AzureWebJobsStorage")] QueueMessage message, CancellationToken cancellationToken)
    {
        await ingest.HandleQueueMessageAsync(message.Body.ToString(), message.MessageId, message.InsertedOn, cancellationToken);
    }
}
