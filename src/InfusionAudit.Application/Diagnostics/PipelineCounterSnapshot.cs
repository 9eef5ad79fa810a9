namespace InfusionAudit.Application.Diagnostics;

/// <summary>The counters at one instant (JSON of <c>GET /api/diagnostics/counters</c>).</summary>
public sealed record PipelineCounterSnapshot(
    long StorageRequests,
    long MessagesProcessed,
    long EventsReceived,
    long EventsAccepted,
    long EventsDuplicate,
    long EventsRejected,
    IReadOnlyDictionary<string, long> StorageRequestsByOperation);
