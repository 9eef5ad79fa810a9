namespace InfusionAudit.Application.Alerts;

/// <summary>
/// The body of every notification, whatever the transport: everything the clinician needs to act (clinic, session,
/// devices, rules, severity, evidence with units, protocol and version, times, links), never the patient reference.
/// </summary>
/// <param name="NotificationId">Unique per notification; consumers de-duplicate on it (delivery is at least once).</param>
/// <param name="Kind">trigger, followUp, escalation, acknowledge, resolve.</param>
/// <param name="Target">onCall or escalation.</param>
/// <param name="State">The state the alerts are in (open for trigger, follow-up and escalation).</param>
/// <param name="Severity">The highest severity among the alerts.</param>
/// <param name="Subject">The rule id when all alerts share one rule, else <c>grouped</c>.</param>
/// <param name="Summary">One line for a pager.</param>
/// <param name="ClinicId">The clinic.</param>
/// <param name="SessionId">The session.</param>
/// <param name="DeviceIds">Devices concerned.</param>
/// <param name="RuleIds">Rules concerned, distinct.</param>
/// <param name="Alerts">The alerts.</param>
/// <param name="Links">Where to look and act.</param>
/// <param name="CreatedAt">When the notification was decided.</param>
public sealed record AlertMessage(
    string NotificationId,
    string Kind,
    string Target,
    string State,
    string Severity,
    string Subject,
    string Summary,
    string ClinicId,
    string SessionId,
    IReadOnlyList<string> DeviceIds,
    IReadOnlyList<string> RuleIds,
    IReadOnlyList<AlertMessageItem> Alerts,
    AlertMessageLinks Links,
    DateTimeOffset CreatedAt);
