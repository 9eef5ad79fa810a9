using System.CommandLine;
using InfusionAudit.Simulator.Generation;

namespace InfusionAudit.Simulator.Cli;

/// <summary><c>--monitor-every</c> (simulate, generate, load): the patient monitor's streaming interval in seconds.</summary>
public static class MonitorEveryOption
{
    /// <summary>The option's name.</summary>
    public const string Name = "--monitor-every";

    private static readonly int MinSeconds = (int)ClinicDayOptions.MinMonitorEvery.TotalSeconds;
    private static readonly int MaxSeconds = (int)ClinicDayOptions.MaxMonitorEvery.TotalSeconds;

    /// <summary>A new, optional <c>--monitor-every</c> option.</summary>
    public static Option<int?> Create() => new(Name)
    {
        Description = "Stream a vitals reading from every session's monitor every N seconds (and a pump total every 5 min while "
            + "it runs), as a connected patient monitor does (default: off, vitals every 5–10 min).",
        HelpName = "seconds",
    };

    /// <summary>The interval, or null when the option is absent.</summary>
    /// <exception cref="ArgumentException">The value is outside 1–3600 seconds.</exception>
    public static TimeSpan? Resolve(int? seconds) => seconds switch
    {
        null => null,
        { } s when s < MinSeconds || s > MaxSeconds =>
            throw new ArgumentException($"{Name} must be a whole number of seconds from {MinSeconds} to {MaxSeconds}, not {s}."),
        { } s => TimeSpan.FromSeconds(s),
    };
}
