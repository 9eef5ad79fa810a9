namespace InfusionAudit.Simulator.Load;

/// <summary>One look at the host during a soak run.</summary>
/// <param name="Elapsed">Since the first send.</param>
/// <param name="EventsSent">Events the transport took so far.</param>
/// <param name="EventsReceived">Events the host has processed so far (this run).</param>
/// <param name="BacklogMessages">The queue's approximate message count (null when it could not be read).</param>
/// <param name="WorkingSetMb">The host's working set, MiB.</param>
/// <param name="ManagedHeapMb">The host's managed heap, MiB.</param>
/// <param name="P99Ms">99th percentile of ingest latency over the messages done since the previous sample (null: none).</param>
/// <param name="HostCpuPercent">The host process's CPU since the previous sample, % of one core (null: not sampled).</param>
/// <param name="StorageCpuPercent">The storage emulator's CPU since the previous sample, % of one core (null: not sampled).</param>
/// <param name="StorageResidentMb">The storage emulator's resident set, MiB (null: not sampled).</param>
public sealed record SoakSample(
    TimeSpan Elapsed,
    long EventsSent,
    long EventsReceived,
    int? BacklogMessages,
    double WorkingSetMb,
    double ManagedHeapMb,
    double? P99Ms,
    double? HostCpuPercent = null,
    double? StorageCpuPercent = null,
    double? StorageResidentMb = null);
