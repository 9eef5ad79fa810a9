using InfusionAudit.Domain.Findings;

namespace InfusionAudit.Domain.Alerts;

/// <summary>
/// The numbers of the alert policy, from configuration (<c>InfusionAudit:Alerts</c>): the group window, the escalation
/// deadline, and per clinic the warning rules it opted into and its own deadline.
/// </summary>
/// <param name="GroupWindow">How long after a notification further new problems of the session are held and coalesced.</param>
/// <param name="EscalationDeadline">How long an open alert may stay unacknowledged before it escalates.</param>
/// <param name="Clinics">Per-clinic settings by clinic id.</param>
public sealed record AlertPolicyOptions(TimeSpan GroupWindow, TimeSpan EscalationDeadline, IReadOnlyDictionary<string, ClinicAlertPolicy> Clinics)
{
    /// <summary>Default group window (Alertmanager's group_interval for one session).</summary>
    public static readonly TimeSpan DefaultGroupWindow = TimeSpan.FromSeconds(30);

    /// <summary>Default escalation deadline.</summary>
    public static readonly TimeSpan DefaultEscalationDeadline = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Default gap hold: the local host's message hold (30 s, the most a crash delays the messages it held) plus a
    /// restart and the redelivered backlog's processing, measured at 33 to 52 s on a loaded 2-core machine
    /// (docs/reliability.md, <c>KillNineTests</c>).
    /// </summary>
    public static readonly TimeSpan DefaultGapHold = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long the page of a problem judged with events missing waits for them (<see cref="PendingAlert"/>); zero pages
    /// such problems at once, as problems judged on a whole picture always are.
    /// </summary>
    public TimeSpan GapHold { get; init; } = DefaultGapHold;

    /// <summary>The defaults, no clinic opted into any warning.</summary>
    public static AlertPolicyOptions Default { get; } = new(DefaultGroupWindow, DefaultEscalationDeadline, new Dictionary<string, ClinicAlertPolicy>());

    /// <summary>True when <paramref name="finding"/> alerts: every critical finding, and warnings its clinic opted into.</summary>
    public bool Alerts(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return finding.Severity switch
        {
            Severity.Critical => true,
            Severity.Warning => Clinics.TryGetValue(finding.ClinicId, out var clinic) && clinic.WarningRules.Contains(finding.RuleId),
            _ => false,
        };
    }

    /// <summary>The escalation deadline of a clinic.</summary>
    public TimeSpan EscalationDeadlineFor(string clinicId) =>
        Clinics.TryGetValue(clinicId, out var clinic) && clinic.EscalationDeadline is { } own ? own : EscalationDeadline;
}
