using InfusionAudit.Domain.Findings;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// <c>VITALS-RR-HIGH</c> (catalogue v2, NEWS2, live): respiratory rate at least <c>vitals.rrHighAtLeastPerMin</c> (25); consecutive
/// readings are one warning keyed by the first.
/// </summary>
internal sealed class RespiratoryRateHighRule : ISessionRule
{
    public void Evaluate(RuleContext context)
    {
        var thresholds = context.Thresholds.Vitals;
        Episode high = default;
        foreach (var rr in VitalsSeries.Plausible(context, VitalMeasure.RespiratoryRate))
        {
            if (high.Begins(rr.Value >= thresholds.RrHighAtLeastPerMin))
            {
                context.Report(
                    RuleIds.VitalsRrHigh, Severity.Warning, context.Thresholds, rr.EventId, rr.Index,
                    RespiratoryRateRule.Evidence(rr.Value, thresholds.RrHighAtLeastPerMin), ("respiratoryRatePerMin", rr.Value));
            }
        }
    }
}
