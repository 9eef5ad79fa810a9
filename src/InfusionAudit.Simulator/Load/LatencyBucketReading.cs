namespace InfusionAudit.Simulator.Load;

/// <summary>One bucket of the host's latency histogram: readings at or below <paramref name="UpperMs"/>.</summary>
public sealed record LatencyBucketReading(double UpperMs, long Count);
