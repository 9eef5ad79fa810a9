using InfusionAudit.Simulator.Generation;

namespace InfusionAudit.Simulator.Cli;

/// <summary>Checks <c>--chairs</c> before the generator does, so that the message names the option.</summary>
public static class ChairsOption
{
    /// <summary>The option's name.</summary>
    public const string Name = "--chairs";

    /// <summary>Returns <paramref name="chairs"/> when usable.</summary>
    /// <exception cref="ArgumentException">The value is outside 1–<see cref="ClinicDayOptions.MaxChairs"/>.</exception>
    public static int Check(int chairs) => chairs is >= 1 and <= ClinicDayOptions.MaxChairs
        ? chairs
        : throw new ArgumentException($"{Name} must be between 1 and {ClinicDayOptions.MaxChairs}, not {chairs}.");
}
