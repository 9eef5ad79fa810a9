using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Units;

namespace InfusionAudit.Domain.Rules;

/// <summary><c>VITALS-RR-CRITICAL</c> (live): respiratory rate below <c>rrCriticalBelowPerMin</c>; consecutive readings are one episode keyed by the first.</summary>
internal sealed class RespiratoryRateRule : ISessionRule
{
    public void Evaluate(RuleContext context)
    {
        var thresholds = context.Thresholds.Vitals;
        Episode critical = default;
        foreach (var rr in VitalsSeries.Plausible(context, VitalMeasure.RespiratoryRate))
        {
            if (critical.Begins(rr.Value < thresholds.RrCriticalBelowPerMin))
            {
                context.Report(
                    RuleIds.VitalsRrCritical, Severity.Critical, context.Thresholds, rr.EventId, rr.Index,
                    Evidence(rr.Value, thresholds.RrCriticalBelowPerMin), ("respiratoryRatePerMin", rr.Value));
            }
        }
    }

    /// <summary><c>respiratory rate 7 /min (limit 8 /min)</c>, the reading at enough decimals to tell it from the limit.</summary>
    public static string Evidence(double rr, double limit)
    {
        var (shown, limitText) = Text.Compared(rr, limit, ShownPrecision.Vital);
        return $"respiratory rate {shown} /min (limit {limitText} /min)";
    }
}
