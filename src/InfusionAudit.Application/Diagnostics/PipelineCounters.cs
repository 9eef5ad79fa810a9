using InfusionAudit.Storage;

namespace InfusionAudit.Application.Diagnostics;

/// <summary>Process-wide counters of the ingestion pipeline, read by the load generator to measure throughput.</summary>
public sealed class PipelineCounters(StorageRequestCounter storageRequests)
{
    private long messagesProcessed;
    private long eventsReceived;
    private long eventsAccepted;
    private long eventsDuplicate;
    private long eventsRejected;

    public void CountMessage(int accepted, int duplicate, int rejected)
    {
        Interlocked.Increment(ref messagesProcessed);
        Interlocked.Add(ref eventsReceived, accepted + duplicate + rejected);
        Interlocked.Add(ref eventsAccepted, accepted);
        Interlocked.Add(ref eventsDuplicate, duplicate);
        Interlocked.Add(ref eventsRejected, rejected);
    }

    public PipelineCounterSnapshot Snapshot() => new(
        storageRequests.Requests,
        Interlocked.Read(ref messagesProcessed),
        Interlocked.Read(ref eventsReceived),
        Interlocked.Read(ref eventsAccepted),
        Interlocked.Read(ref eventsDuplicate),
        Interlocked.Read(ref eventsRejected),
        storageRequests.ByOperation);
}
