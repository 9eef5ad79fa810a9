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

    /// <summary>Treatment chairs working in parallel, each with its own pump, monitor and nursing tablet.</summary>
    public int Chairs { get; init; } = 6;

    /// <summary>How sessions are drawn.</summary>
    public ScenarioMix Mix { get; init; } = ScenarioMix.Clinical;

    /// <summary>
    /// Put in front of session, event and patient ids so that runs do not collide. Empty by default: then ids are a
    /// function of clinic, start date, seed and session number, and sending the same day twice exercises deduplication.
    /// </summary>
    public string IdPrefix { get; init; } = "";

    /// <summary>Throws <see cref="ArgumentException"/> naming the first unusable value.</summary>
    public void Validate()
    {
        if (ClinicId.Length is 0 or > MaxClinicIdLength || !IdPattern().IsMatch(ClinicId))
        {
            throw new ArgumentException(
                $"Clinic id '{ClinicId}' must be 1–{MaxClinicIdLength} characters of [A-Za-z0-9._:-].", nameof(ClinicId));
        }

        if (IdPrefix.Length > MaxIdPrefixLength || (IdPrefix.Length > 0 && !IdPattern().IsMatch(IdPrefix)))
        {
            throw new ArgumentException(
                $"Id prefix '{IdPrefix}' must be at most {MaxIdPrefixLength} characters of [A-Za-z0-9._:-].", nameof(IdPrefix));
        }

        if (Seed < 0)
        {
            throw new ArgumentException("The seed cannot be negative.", nameof(Seed));
        }

        if (Sessions is < 0)
        {
            throw new ArgumentException("The number of sessions cannot be negative.", nameof(Sessions));
        }

        if (Chairs is < 1 or > 999)
        {
            throw new ArgumentException("Chairs must be between 1 and 999.", nameof(Chairs));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._:-]+$")]
    private static partial Regex IdPattern();
}
