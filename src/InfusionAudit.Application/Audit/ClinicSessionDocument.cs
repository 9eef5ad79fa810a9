namespace InfusionAudit.Application.Audit;

/// <summary>A session as listed for an auditor. No patient reference, not even its hash: lists are for volume, not people.</summary>
/// <param name="Status"><c>awaitingStart</c>, <c>running</c>, <c>paused</c> or <c>ended</c>.</param>
/// <param name="DeliveredMgPerKg">Delivered dose per weight, once ended; null for a fixed-dose protocol.</param>
/// <param name="DeliveredMg">Delivered dose, mg, once ended.</param>
/// <param name="FindingCounts">Active findings per rule id.</param>
/// <param name="DischargedAt">End of monitoring (<c>PatientDischarged</c>, contract 1.1); null: the patient was never discharged.</param>
public sealed record ClinicSessionDocument(
    string SessionId,
    DateOnly SessionDate,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    string Status,
    string? EndReason,
    string? ProtocolId,
    int? ProtocolVersion,
    string? MaxSeverity,
    int ActiveFindings,
    double? DeliveredMgPerKg,
    double? DeliveredMg,
    bool CompletedWithinProtocol,
    IReadOnlyDictionary<string, int> FindingCounts,
    DateTimeOffset? DischargedAt = null);
