namespace InfusionAudit.Application.Audit;

/// <summary>
/// The compliance report of a clinic for a range of session dates (UTC day of the session start). Every figure is
/// counted over the sessions whose date lies in the range, from the per-session aggregates the writer keeps in the
/// clinic index; nothing is sampled or estimated.
/// </summary>
/// <param name="Alerts">Alerts raised in the range (by raise day, not session day) and time to acknowledge; null when not available (see <paramref name="Gaps"/>).</param>
/// <param name="Gaps">What the report could not include, in words; empty when complete.</param>
public sealed record ComplianceReport(
    string ClinicId,
    DateOnly From,
    DateOnly To,
    DateTimeOffset GeneratedAt,
    ComplianceSessionSummary Sessions,
    IReadOnlyList<RuleFindingCount> FindingsPerRule,
    IReadOnlyList<AdverseEffectCount> AdverseEffects,
    IReadOnlyList<ProtocolDoseSummary> DeliveredDose,
    ComplianceAlertSummary? Alerts,
    IReadOnlyList<string> Gaps)
{
    /// <summary>Course, weight, discharge and REMS form figures, in all and per month (<see cref="ClinicalComplianceSummary"/>).</summary>
    public ClinicalComplianceSummary? Clinical { get; init; }

    /// <summary>
    /// <see cref="FindingsPerRule"/> split by ISO week of session date (Monday start): oldest week first, rules in
    /// catalogue order, only weeks and rules with findings. The same index rows, so the weeks of a rule add up to its total.
    /// </summary>
    public IReadOnlyList<RuleWeekFindingCount> FindingsPerWeek { get; init; } = [];
}
