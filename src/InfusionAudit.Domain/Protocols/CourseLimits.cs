namespace InfusionAudit.Domain.Protocols;

/// <summary>
/// The course of treatment a protocol allows (file section <c>course</c>, catalogue v2): <c>COURSE-FREQUENCY</c>,
/// <c>COURSE-CUMULATIVE</c> and <c>DOSE-ESCALATION</c>. A null limit is not judged.
/// </summary>
/// <param name="MaxSessionsPer7Days">Most sessions of this protocol in any rolling 7 days after the induction (IN 1, IV 3, SC 2).</param>
/// <param name="Induction">Length of the induction from the patient's first session of this protocol (IN 28 days), or null.</param>
/// <param name="InductionMaxSessionsPer7Days">Most sessions in 7 days during the induction (IN 2), or null.</param>
/// <param name="MaxStepMgPerKg">Largest rise of the prescribed mg/kg over the previous session (SC 0.1, IV 0.25), or null.</param>
/// <param name="FirstSessionMaxMg">Largest prescription of the first session (IN 56 mg, below the elderly age), or null.</param>
/// <param name="MaxMgPerKgPer7Days">Most delivered mg/kg of this protocol in any rolling 7 days (IV 2.0, SC 1.8), or null.</param>
public sealed record CourseLimits(
    int? MaxSessionsPer7Days,
    TimeSpan? Induction,
    int? InductionMaxSessionsPer7Days,
    double? MaxStepMgPerKg,
    double? FirstSessionMaxMg,
    double? MaxMgPerKgPer7Days = null);
