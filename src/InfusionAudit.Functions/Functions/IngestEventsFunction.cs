using Azure.Storage.Queues.Models;
using InfusionAudit.Application.Ingestion;
using InfusionAudit.Application.Telemetry;
using Microsoft.Azure.Functions.Worker;

namespace InfusionAudit.Functions.Functions;

/// <summary>Queue trigger on the device event queue (base64 JSON, one event or up to 100).</summary>
public sealed class IngestEventsFunction(IngestHandler ingest, TimeProvider clock)
{
    [Function("IngestEvents")]
    public async Task Run([QueueTrigger("%InfusionAudit:EventsQueue%", Connection = "AzureWebJobsStorage")] QueueMessage message, CancellationToken cancellationToken)
    {
        // The insertion time is when the backend received the message; it stays the same on every redelivery.
        var receivedAt = message.InsertedOn ?? clock.GetUtcNow();
        InfusionAuditTelemetry.RecordQueueAge("events", message.InsertedOn, clock.GetUtcNow());
        await ingest.HandleAsync(message.Body.ToString(), new IngestContext("queue", message.MessageId, receivedAt), cancellationToken);
    }
}
