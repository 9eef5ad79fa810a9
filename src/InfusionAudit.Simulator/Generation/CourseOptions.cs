namespace InfusionAudit.Simulator.Generation;

/// <summary>A patient's esketamine course to simulate (<see cref="CourseGenerator"/>).</summary>
public sealed record CourseOptions
{
    /// <summary>The clinic (contract id).</summary>
    public required string ClinicId { get; init; }

    /// <summary>The first session's start; later sessions start at the same time of day.</summary>
    public required DateTimeOffset FirstSession { get; init; }

    /// <summary>Weeks of the course: 4 of induction (twice weekly), then weekly (label). 1–26.</summary>
    public int Weeks { get; init; } = 8;

    /// <summary>Seeds the patient and every session.</summary>
    public int Seed { get; init; } = 7;

    /// <summary>Prepended to session ids and the patient reference, to keep runs apart.</summary>
    public string IdPrefix { get; init; } = "";

    /// <summary>Plays the course's faults (see <see cref="CourseGenerator"/>); false: a clean course.</summary>
    public bool WithFaults { get; init; } = true;

    /// <summary>Throws <see cref="ArgumentException"/> for a value the generator cannot play.</summary>
    public void Validate()
    {
        if (Weeks is < 1 or > 26)
        {
            throw new ArgumentException("--weeks must be between 1 and 26.");
        }

        if (ClinicId.Length is 0 or > ClinicDayOptions.MaxClinicIdLength)
        {
            throw new ArgumentException($"--clinic must have 1 to {ClinicDayOptions.MaxClinicIdLength} characters.");
        }
    }
}
