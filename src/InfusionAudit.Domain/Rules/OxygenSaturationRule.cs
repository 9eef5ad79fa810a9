using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Units;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// <c>VITALS-SPO2-LOW</c> (below <c>spo2LowBelowPercent</c>) and <c>VITALS-SPO2-CRITICAL</c> (below
/// <c>spo2CriticalBelowPercent</c>, live), each over consecutive plausible readings as one episode keyed by its first reading.
/// A reading below the floor <c>vitals.plausible.spo2Percent.min</c> counts as plausible when another reading below it lies at
/// most <c>vitals.belowFloorConfirmWithinMin</c> earlier (catalogue v2): the second of the pair fires.
/// </summary>
internal sealed class OxygenSaturationRule : ISessionRule
{
    public void Evaluate(RuleContext context)
    {
        var thresholds = context.Thresholds.Vitals;
        Episode low = default, critical = default;
        foreach (var spo2 in VitalsSeries.Low(context, VitalMeasure.Spo2))
        {
            if (low.Begins(spo2.Value < thresholds.Spo2LowBelowPercent))
            {
                context.Report(
                    RuleIds.VitalsSpo2Low, Severity.Warning, context.Thresholds, spo2.EventId, spo2.Index,
                    $"{Evidence(spo2.Value, thresholds.Spo2LowBelowPercent, "limit")}{spo2.BelowFloorNote}", ("spo2Percent", spo2.Value));
            }

            if (critical.Begins(spo2.Value < thresholds.Spo2CriticalBelowPercent))
            {
                context.Report(
                    RuleIds.VitalsSpo2Critical, Severity.Critical, context.Thresholds, spo2.EventId, spo2.Index,
                    $"{Evidence(spo2.Value, thresholds.Spo2CriticalBelowPercent, "critical limit")}{spo2.BelowFloorNote}", ("spo2Percent", spo2.Value));
            }
        }
    }

    private static string Evidence(double spo2, double limit, string name)
    {
        var (shown, limitText) = Text.Compared(spo2, limit, ShownPrecision.Percent);
        return $"SpO2 {shown} % ({name} {limitText} %)";
    }
}
