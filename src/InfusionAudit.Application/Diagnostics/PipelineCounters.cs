using InfusionAudit.Application.Ports;

namespace InfusionAudit.Application.Diagnostics;

/// <summary>
/// Process-wide counters of the ingestion pipeline, read by the load generator to measure throughput and by the soak
/// run to watch latency and memory.
/// </summary>
public sealed class PipelineCounters(IStorageRequestCounts storageRequests, ISessionCacheCounts sessionCache)
{
    private long messagesProcessed;
    private long eventsReceived;
    private long eventsAccepted;
    private long eventsDuplicate;
    private long eventsRejected;
    private readonly LatencyHistogram ingestLatency = new();

    /// <summary>Counts one message and how long after its receipt (queue insertion or request arrival) it was done.</summary>
    public void CountMessage(int accepted, int duplicate, int rejected, TimeSpan sinceReceived)
    {
        ingestLatency.Record(sinceReceived);
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
        storageRequests.ByOperation,
        ingestLatency.Snapshot(),
        Environment.WorkingSet,
        GC.GetTotalMemory(forceFullCollection: false),
        sessionCache.CacheSnapshot());
}
