namespace InfusionAudit.Application.Diagnostics;

/// <summary>How many durations fell at or below <paramref name="UpperMs"/> and above the previous bucket's bound.</summary>
public sealed record LatencyBucket(double UpperMs, long Count);
