namespace InfusionAudit.Domain.Protocols;

/// <summary>Time thresholds of the scheduling and record-integrity rules (file section <c>timing</c>).</summary>
/// <param name="PauseLongAbove">A pause longer than this: <c>PAUSE-LONG</c>.</param>
/// <param name="OverdueGrace">No end later than start + planned duration + this: <c>SESSION-OVERDUE</c>.</param>
/// <param name="DeviceSilent">A running infusion unheard for at least this long: <c>DEVICE-SILENT</c>.</param>
/// <param name="NoStartAbove">No <c>SessionStarted</c> more than this after the session's first event: <c>SESSION-NO-START</c>.</param>
/// <param name="ClockSkewAbove">An event dated more than this ahead of its receipt: <c>CLOCK-SKEW</c>.</param>
/// <param name="PatientInterval">Another session of the same patient started less than this before: <c>PATIENT-INTERVAL</c>.</param>
/// <param name="AbandonAfter">An open session unheard for this long: <c>SESSION-ABANDONED</c> (optional in files, default 24 h).</param>
public sealed record TimingThresholds(
    TimeSpan PauseLongAbove,
    TimeSpan OverdueGrace,
    TimeSpan DeviceSilent,
    TimeSpan NoStartAbove,
    TimeSpan ClockSkewAbove,
    TimeSpan PatientInterval,
    TimeSpan AbandonAfter)
{
    /// <summary>Used when a protocol file does not set <c>abandonAfterHours</c>.</summary>
    public static readonly TimeSpan DefaultAbandonAfter = TimeSpan.FromHours(24);
}
