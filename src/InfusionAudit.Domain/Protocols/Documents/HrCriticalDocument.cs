namespace InfusionAudit.Domain.Protocols.Documents;

/// <summary>Section <c>vitals.hrCritical</c>.</summary>
internal sealed record HrCriticalDocument(
    double? SustainedAboveBpm,
    double? SustainedForMin,
    double? SingleAboveBpm);
