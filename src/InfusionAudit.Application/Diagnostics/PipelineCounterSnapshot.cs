namespace InfusionAudit.Application.Diagnostics;

/// <summary>The counters at one instant (JSON of <c>GET /api/diagnostics/counters</c>).</summary>
/// <param name="IngestLatency">From a message's receipt (queue insertion, request arrival) to its events stored, per message.</param>
/// <param name="WorkingSetBytes">The host process's working set.</param>
/// <param name="ManagedHeapBytes">Bytes allocated on the managed heap and not yet collected.</param>
/// <param name="SessionCache">How the session cache served writers.</param>
public sealed record PipelineCounterSnapshot(
    long StorageRequests,
    long MessagesProcessed,
    long EventsReceived,
    long EventsAccepted,
    long EventsDuplicate,
    long EventsRejected,
    IReadOnlyDictionary<string, long> StorageRequestsByOperation,
    LatencySnapshot IngestLatency,
    long WorkingSetBytes,
    long ManagedHeapBytes,
    SessionCacheSnapshot SessionCache);
