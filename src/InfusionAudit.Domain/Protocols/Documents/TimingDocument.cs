namespace InfusionAudit.Domain.Protocols.Documents;

/// <summary>Section <c>timing</c>.</summary>
internal sealed record TimingDocument(
    double? PauseLongAboveMin,
    double? OverdueGraceMin,
    double? DeviceSilentMin,
    double? NoStartAboveMin,
    double? ClockSkewAboveMin,
    double? PatientIntervalHours,
    double? AbandonAfterHours,
    double? AlertLatencyBudgetMin = null);
