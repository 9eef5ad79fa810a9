namespace InfusionAudit.Simulator.Load;

/// <summary>What a soak run measured, and whether the host held its targets.</summary>
/// <param name="Options">What was asked.</param>
/// <param name="Samples">Every sample, in time order (the drain included).</param>
/// <param name="EventsSent">Events the transport took.</param>
/// <param name="MessagesSent">Messages the transport took.</param>
/// <param name="SendFailures">Messages the transport refused.</param>
/// <param name="SendDuration">First to last send.</param>
/// <param name="Drain">Last send to every sent event received; null when the drain timed out.</param>
/// <param name="Counters">The host's counters over the run.</param>
public sealed record SoakReport(
    SoakOptions Options,
    IReadOnlyList<SoakSample> Samples,
    long EventsSent,
    long MessagesSent,
    int SendFailures,
    TimeSpan SendDuration,
    TimeSpan? Drain,
    PipelineCounters Counters)
{
    /// <summary>Events per second the transport actually took.</summary>
    public double OfferedRate => SendDuration > TimeSpan.Zero ? EventsSent / SendDuration.TotalSeconds : 0;

    /// <summary>The largest working set sampled, MiB.</summary>
    public double MaxWorkingSetMb => Samples.Count > 0 ? Samples.Max(s => s.WorkingSetMb) : 0;

    /// <summary>The largest backlog sampled, messages.</summary>
    public int MaxBacklog => Samples.Select(s => s.BacklogMessages ?? 0).DefaultIfEmpty().Max();

    /// <summary>
    /// Growth of the backlog over the sending period after the warm-up, messages: the least-squares slope of the sampled
    /// backlog times that period's length. A host that keeps up has a backlog that wanders around a constant: ≈ 0.
    /// </summary>
    public double BacklogGrowthMessages
    {
        get
        {
            var points = Samples
                .Where(s => s.Elapsed >= Options.WarmUp && s.Elapsed <= SendDuration && s.BacklogMessages is not null)
                .Select(s => (X: s.Elapsed.TotalSeconds, Y: (double)s.BacklogMessages!.Value))
                .ToList();
            if (points.Count < 3)
            {
                return double.NaN;
            }

            var mx = points.Average(p => p.X);
            var my = points.Average(p => p.Y);
            var sxx = points.Sum(p => (p.X - mx) * (p.X - mx));
            var slope = sxx > 0 ? points.Sum(p => (p.X - mx) * (p.Y - my)) / sxx : 0;
            return slope * (points[^1].X - points[0].X);
        }
    }

    /// <summary>The most the backlog may grow and still count as flat, messages.</summary>
    public double BacklogGrowthLimitMessages =>
        Options.MaxBacklogGrowth.TotalSeconds * Options.EventsPerSecond / Options.BatchSize;

    /// <summary>Every target the run missed, in words; empty when it passed.</summary>
    public IReadOnlyList<string> Failures
    {
        get
        {
            var failures = new List<string>();
            if (SendFailures > 0)
            {
                failures.Add($"{SendFailures} messages were refused by the transport");
            }

            if (OfferedRate < Options.EventsPerSecond * 0.95)
            {
                failures.Add($"only {OfferedRate:F0} events/s could be offered (asked {Options.EventsPerSecond})");
            }

            var growth = BacklogGrowthMessages;
            if (double.IsNaN(growth))
            {
                failures.Add("too few backlog samples after the warm-up to judge the backlog");
            }
            else if (growth > BacklogGrowthLimitMessages)
            {
                failures.Add($"the backlog grew by {growth:F0} messages while sending (limit {BacklogGrowthLimitMessages:F0})");
            }

            if (Drain is null)
            {
                failures.Add($"the host had not received every event {Options.DrainTimeout.TotalSeconds:F0} s after the last send");
            }
            else if (Drain > Options.MaxDrain)
            {
                failures.Add($"the host took {Drain.Value.TotalSeconds:F0} s to drain after the last send (limit {Options.MaxDrain.TotalSeconds:F0} s)");
            }

            if (MaxWorkingSetMb * 1024 * 1024 >= Options.MaxWorkingSetBytes)
            {
                failures.Add($"the host's working set reached {MaxWorkingSetMb:F0} MiB (limit {Options.MaxWorkingSetBytes / 1024 / 1024} MiB)");
            }

            return failures;
        }
    }
}
