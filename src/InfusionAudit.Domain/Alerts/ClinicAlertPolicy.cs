namespace InfusionAudit.Domain.Alerts;

/// <summary>One clinic's alert settings.</summary>
/// <param name="WarningRules">Warning rule ids that alert in this clinic (critical rules always alert).</param>
/// <param name="EscalationDeadline">This clinic's escalation deadline, or null for the default.</param>
public sealed record ClinicAlertPolicy(IReadOnlySet<string> WarningRules, TimeSpan? EscalationDeadline);
