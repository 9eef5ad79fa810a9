namespace InfusionAudit.Simulator.Cli;

/// <summary>Checks <c>--chairs</c> before the generator does, so that the message names the option.</summary>
public static class ChairsOption
{
    /// <summary>The option's name.</summary>
    public const string Name = "--chairs";

    /// <summary>Returns <paramref name="chairs"/> when usable.</summary>
    /// <exception cref="ArgumentException">The value is outside 1–999.</exception>
    public static int Check(int chairs) => chairs is >= 1 and <= 999
        ? chairs
        : throw new ArgumentException($"{Name} must be between 1 and 999, not {chairs}.");
}
