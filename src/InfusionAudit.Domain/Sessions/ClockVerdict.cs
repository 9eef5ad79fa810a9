namespace InfusionAudit.Domain.Sessions;

/// <summary>Whether an event's device time is believed, and if not, why (<c>CLOCK-IMPLAUSIBLE</c>).</summary>
internal enum ClockVerdict : byte
{
    /// <summary>The time is used.</summary>
    Plausible = 0,

    /// <summary>Dated before the protocol's <c>clock.notBefore</c> (a clock reset to its epoch).</summary>
    BeforeNotBefore = 1,

    /// <summary>Dated more than <c>clock.staleAboveDays</c> before its receipt while the session is reported live.</summary>
    StaleWhileLive = 2,

    /// <summary>Its device's clock disagrees with the session's other devices by more than <c>clock.deviceOffsetAboveMin</c>.</summary>
    DeviceOffset = 3,
}
