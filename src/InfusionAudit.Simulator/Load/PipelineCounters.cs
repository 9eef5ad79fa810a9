namespace InfusionAudit.Simulator.Load;

/// <summary>The host's cumulative counters (<c>GET /api/diagnostics/counters</c>).</summary>
/// <param name="IngestLatency">Per message, receipt to stored; null from a host that does not report it.</param>
/// <param name="WorkingSetBytes">The host process's working set (0 when not reported).</param>
/// <param name="ManagedHeapBytes">The host's managed heap (0 when not reported).</param>
public sealed record PipelineCounters(
    long StorageRequests,
    long EventsReceived,
    long EventsAccepted,
    long EventsDuplicate,
    long EventsRejected,
    long MessagesProcessed,
    LatencyReading? IngestLatency = null,
    long WorkingSetBytes = 0,
    long ManagedHeapBytes = 0)
{
    /// <summary>What happened between <paramref name="before"/> and this reading.</summary>
    public PipelineCounters Since(PipelineCounters before)
    {
        ArgumentNullException.ThrowIfNull(before);
        return new PipelineCounters(
            StorageRequests - before.StorageRequests,
            EventsReceived - before.EventsReceived,
            EventsAccepted - before.EventsAccepted,
            EventsDuplicate - before.EventsDuplicate,
            EventsRejected - before.EventsRejected,
            MessagesProcessed - before.MessagesProcessed,
            IngestLatency is null ? null : LatencyReading.Between(before.IngestLatency, IngestLatency),
            WorkingSetBytes,
            ManagedHeapBytes);
    }
}
