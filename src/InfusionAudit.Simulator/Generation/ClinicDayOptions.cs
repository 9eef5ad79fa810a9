using System.Text.RegularExpressions;

namespace InfusionAudit.Simulator.Generation;

/// <summary>What day to simulate. Everything generated is a function of these values (and nothing else: no clock, no global random).</summary>
public sealed partial record ClinicDayOptions
{
    /// <summary>Longest clinic id accepted, so that device, session and event ids stay within the contract's 64 characters.</summary>
    public const int MaxClinicIdLength = 16;

    /// <summary>Longest id prefix accepted, for the same reason.</summary>
    public const int MaxIdPrefixLength = 16;

    /// <summary>Clinic id, also the stem of device and session ids.</summary>
    public required string ClinicId { get; init; }

    /// <summary>When the first chair opens.</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>Seed of every random choice (≥ 0); part of every id, so that different seeds never collide.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Number of sessions; null for an open-ended stream (the load generator takes as many as it needs).</summary>
    public int? Sessions { get; init; } = 12;

    /// <summary>Most treatment chairs accepted: device ids number chairs with at most three digits.</summary>
    public const int MaxChairs = 999;

    /// <summary>Treatment chairs working in parallel, each with its own pump, monitor and nursing tablet.</summary>
    public int Chairs { get; init; } = 6;

    /// <summary>How far apart the chairs open in the morning (staff arrive one after another).</summary>
    public TimeSpan ChairsOpenEvery { get; init; } = TimeSpan.FromMinutes(7);

    /// <summary>A chair's first patient starts within this long after it opens (whole seconds).</summary>
    /// <remarks>The live soak opens every chair at once and starts their first patients within seconds, so that the clinics reach their steady rate at once.</remarks>
    public TimeSpan FirstSessionWithin { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The streaming monitors take no reading after this instant; null: to the end of each session.</summary>
    /// <remarks>The live soak sends nothing dated after its end, and hours of 1 Hz readings of a thousand sessions would cost it gigabytes and the CPU it measures.</remarks>
    public DateTimeOffset? StreamUntil { get; init; }

    /// <summary>How sessions are drawn.</summary>
    public ScenarioMix Mix { get; init; } = ScenarioMix.Clinical;

    /// <summary>Shortest monitor streaming interval accepted.</summary>
    public static TimeSpan MinMonitorEvery { get; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest monitor streaming interval accepted.</summary>
    public static TimeSpan MaxMonitorEvery { get; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Null (the default): the scripts' own sparse readings only, vitals every 5–10 minutes. Set: every chair's patient
    /// monitor streams a reading at this interval (whole seconds, ±10 % jitter of at most 5 s) for the whole session,
    /// the pump reports its cumulative volume every 5 minutes while running, and IV sessions are observed longer after
    /// the infusion, as in a clinic with a connected monitor.
    /// </summary>
    public TimeSpan? MonitorEvery { get; init; }

    /// <summary>
    /// Put in front of session, event and patient ids so that runs do not collide. Empty by default: then ids are a
    /// function of clinic, start date, seed and session number, and sending the same day twice exercises deduplication.
    /// </summary>
    public string IdPrefix { get; init; } = "";

    /// <summary>
    /// <see cref="IdPrefix"/> as put in front of ids: followed by a '.' unless it already ends in a separator
    /// (<c>. _ : -</c>), so that a run id never runs into the clinic id (<c>r7.abq-01-…</c>, not <c>r7abq-01-…</c>).
    /// </summary>
    public string IdStem => IdPrefix.Length == 0 || IdPrefix[^1] is '.' or '_' or ':' or '-' ? IdPrefix : IdPrefix + ".";

    /// <summary>Throws <see cref="ArgumentException"/> naming the first unusable value.</summary>
    public void Validate()
    {
        if (ClinicId.Length is 0 or > MaxClinicIdLength || !IdPattern().IsMatch(ClinicId))
        {
            throw new ArgumentException(
                $"Clinic id '{ClinicId}' must be 1–{MaxClinicIdLength} characters of [A-Za-z0-9._:-].", nameof(ClinicId));
        }

        if (IdStem.Length > MaxIdPrefixLength || (IdPrefix.Length > 0 && !IdPattern().IsMatch(IdPrefix)))
        {
            throw new ArgumentException(
                $"Id prefix '{IdPrefix}' must be at most {MaxIdPrefixLength} characters of [A-Za-z0-9._:-], counting the '.' added when it does not end in one of . _ : -.", nameof(IdPrefix));
        }

        if (Mix.EachAtLeastOnce && Sessions is { } count && count < Mix.Weights.Count)
        {
            throw new ArgumentException(
                $"{Mix.Weights.Count} scenarios were named to be played at least once each, in {count} sessions: ask for at least {Mix.Weights.Count} sessions.", nameof(Sessions));
        }

        if (Seed < 0)
        {
            throw new ArgumentException("The seed cannot be negative.", nameof(Seed));
        }

        if (Sessions is < 0)
        {
            throw new ArgumentException("The number of sessions cannot be negative.", nameof(Sessions));
        }

        if (Chairs is < 1 or > MaxChairs)
        {
            throw new ArgumentException($"Chairs must be between 1 and {MaxChairs}.", nameof(Chairs));
        }

        if (ChairsOpenEvery < TimeSpan.Zero || FirstSessionWithin < TimeSpan.Zero || FirstSessionWithin.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentException("Chairs open at most at once, and a first session starts a whole number of seconds (at least 0) after its chair opens.", nameof(FirstSessionWithin));
        }

        if (MonitorEvery is { } every
            && (every < MinMonitorEvery || every > MaxMonitorEvery || every.Ticks % TimeSpan.TicksPerSecond != 0))
        {
            // Whole seconds keep every timestamp on a whole second, as the devices write them.
            throw new ArgumentException(
                $"The monitor interval must be a whole number of seconds from {MinMonitorEvery.TotalSeconds:0} to {MaxMonitorEvery.TotalSeconds:0}.",
                nameof(MonitorEvery));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._:-]+$")]
    private static partial Regex IdPattern();
}
