using Azure.Storage.Queues.Models;
using InfusionAudit.Application.Ingestion;
using InfusionAudit.Application.Telemetry;
using Microsoft.Azure.WebJobs;

namespace InfusionAudit.LocalHost.Jobs;

/// <summary>The queue trigger on the device event queue: a thin adapter over <see cref="IngestHandler"/>.</summary>
public sealed class IngestEventsJob(IngestHandler ingest, TimeProvider clock)
{
    [FunctionName("IngestEvents")]
    public async Task RunAsync([QueueTrigger("%InfusionAudit:EventsQueue%")] QueueMessage message, CancellationToken cancellationToken)
    {
        // The insertion time is when the backend received the message; it stays the same on every redelivery.
        var receivedAt = message.InsertedOn ?? clock.GetUtcNow();
        InfusionAuditTelemetry.RecordQueueAge("events", message.InsertedOn, clock.GetUtcNow());
        await ingest.HandleAsync(message.Body.ToString(), new IngestContext("queue", message.MessageId, receivedAt), cancellationToken);
    }
}
