namespace InfusionAudit.Domain.Tests.Builders;

/// <summary>A pump clock reset to 1970, for <c>CLOCK-IMPLAUSIBLE</c> and what an implausible device time means for the dose.</summary>
internal static class ImplausibleClocks
{
    internal const string ClockImplausible = "CLOCK-IMPLAUSIBLE";

    internal static readonly DateTimeOffset Epoch1970 = new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Minutes after <see cref="SessionBuilder.T0"/> of a pump clock reading <paramref name="minutesAfter1970"/>.</summary>
    internal static double PumpClock1970(double minutesAfter1970) => (Epoch1970 - SessionBuilder.T0).TotalMinutes + minutesAfter1970;
}
