namespace InfusionAudit.Simulator.Generation;

// A patient monitor that streams (ClinicDayOptions.MonitorEvery): a full reading every interval, plus the pump's
// periodic volume report the same clinics connect. It draws from its own random stream, so a session's story (doses,
// rates, adverse effects, the scripts' own readings) is the same with and without streaming: streaming only adds.
internal sealed class MonitorStream(TimeSpan every, Random random, DateTimeOffset? stopAt = null)
{
    /// <summary>How often a running pump reports its cumulative volume.</summary>
    public static readonly TimeSpan PumpReportEvery = TimeSpan.FromMinutes(5);

    public TimeSpan Every { get; } = every;

    public Random Random { get; } = random;

    /// <summary>
    /// Readings from one interval after <paramref name="from"/> until before <paramref name="until"/>; <paramref name="effect"/>
    /// gives the drug effect (0..1) at each instant, so that the stream follows the script's own curve.
    /// </summary>
    public void Record(SessionRecorder s, DateTimeOffset from, DateTimeOffset until, Func<DateTimeOffset, double> effect)
    {
        for (var at = from + Next(); at < until && !(at > stopAt); at += Next())
        {
            s.TypicalVitals(at, effect(at), Random);
        }
    }

    // A monitor's clock drifts a little around its nominal interval: ±10 %, at most 5 s, never below one second.
    private TimeSpan Next()
    {
        var seconds = (int)Every.TotalSeconds;
        var jitter = Math.Min(5, seconds / 10);
        return TimeSpan.FromSeconds(Math.Max(1, seconds + Random.Between(-jitter, jitter)));
    }
}
