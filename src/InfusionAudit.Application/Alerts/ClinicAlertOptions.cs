namespace InfusionAudit.Application.Alerts;

/// <summary><c>InfusionAudit:Alerts:Clinics:{clinicId}</c>.</summary>
public sealed class ClinicAlertOptions
{
    /// <summary>Warning rule ids that alert in this clinic (an array, or comma-separated ids in one entry).</summary>
    public List<string> WarningRules { get; set; } = [];

    /// <summary>This clinic's escalation deadline; the global one when unset.</summary>
    public TimeSpan? EscalationDeadline { get; set; }
}
