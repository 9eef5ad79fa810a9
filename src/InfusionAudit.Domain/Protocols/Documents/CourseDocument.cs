namespace InfusionAudit.Domain.Protocols.Documents;

/// <summary>Section <c>course</c> (catalogue v2).</summary>
internal sealed record CourseDocument(
    int? MaxSessionsPer7Days,
    double? InductionDays,
    int? InductionMaxSessionsPer7Days,
    double? MaxStepMgPerKg,
    double? FirstSessionMaxMg,
    double? MaxMgPerKgPer7Days = null);
