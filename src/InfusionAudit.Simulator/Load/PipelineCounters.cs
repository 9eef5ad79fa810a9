namespace InfusionAudit.Simulator.Load;

/// <summary>The host's cumulative counters (<c>GET /api/diagnostics/counters</c>).</summary>
public sealed record PipelineCounters(
    long StorageRequests,
    long EventsReceived,
    long EventsAccepted,
    long EventsDuplicate,
    long EventsRejected,
    long MessagesProcessed)
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
            MessagesProcessed - before.MessagesProcessed);
    }
}
