namespace InfusionAudit.Domain.Protocols;

/// <summary>Time thresholds of the scheduling and record-integrity rules (file section <c>timing</c>).</summary>
/// <param name="PauseLongAbove">A pause longer than this: <c>PAUSE-LONG</c>.</param>
/// <param name="OverdueGrace">No end later than start + planned duration + this: <c>SESSION-OVERDUE</c>.</param>
/// <param name="DeviceSilent">A running infusion unheard for at least this long: <c>DEVICE-SILENT</c>.</param>
/// <param name="NoStartAbove">No <c>SessionStarted</c> more than this after the session's first event: <c>SESSION-NO-START</c>.</param>
/// <param name="ClockSkewAbove">An event dated more than this ahead of its receipt: <c>CLOCK-SKEW</c>.</param>
/// <param name="PatientInterval">Another session of the same patient started less than this before: <c>PATIENT-INTERVAL</c>.</param>
/// <param name="AbandonAfter">An open session unheard for this long: <c>SESSION-ABANDONED</c> (optional in files, default 24 h).</param>
/// <param name="AlertLatencyBudget">
/// How long an event may take from its occurrence to its receipt before an alert it shows is marked "arrived late"
/// (optional in files, default <see cref="DefaultAlertLatencyBudget"/>).
/// </param>
public sealed record TimingThresholds(
    TimeSpan PauseLongAbove,
    TimeSpan OverdueGrace,
    TimeSpan DeviceSilent,
    TimeSpan NoStartAbove,
    TimeSpan ClockSkewAbove,
    TimeSpan PatientInterval,
    TimeSpan AbandonAfter,
    TimeSpan? AlertLatencyBudget = null)
{
    /// <summary>
    /// Used when a protocol file does not set <c>alertLatencyBudgetMin</c>: a vital sign two minutes old is no longer what
    /// the clinician sees at the chair, so a page about it must say so.
    /// </summary>
    public static readonly TimeSpan DefaultAlertLatencyBudget = TimeSpan.FromMinutes(2);

    /// <summary>The budget in force: the file's, or the default.</summary>
    public TimeSpan LatencyBudget => AlertLatencyBudget ?? DefaultAlertLatencyBudget;

    /// <summary>Used when a protocol file does not set <c>abandonAfterHours</c>.</summary>
    public static readonly TimeSpan DefaultAbandonAfter = TimeSpan.FromHours(24);
}
