namespace InfusionAudit.Domain.Protocols;

/// <summary>
/// When a device's date for an event is not believed (file section <c>clock</c>, optional): <c>CLOCK-IMPLAUSIBLE</c>, and the
/// event's time is then kept out of the dose integration.
/// </summary>
/// <param name="NotBefore">An occurredAt before this instant is implausible (a clock reset to its epoch).</param>
/// <param name="StaleAbove">An occurredAt more than this before its receipt is implausible while the session is reported live.</param>
/// <param name="DeviceOffsetAbove">A device whose receipt − occurrence differs from the other devices' in one batch by more than this.</param>
public sealed record ClockPlausibility(DateTimeOffset NotBefore, TimeSpan StaleAbove, TimeSpan DeviceOffsetAbove)
{
    /// <summary>Catalogue v2: before 2015-01-01, more than 7 days old while live, more than 10 min off the other devices.</summary>
    public static ClockPlausibility Default { get; } =
        new(new DateTimeOffset(2015, 1, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.FromDays(7), TimeSpan.FromMinutes(10));
}
