using InfusionAudit.Domain.Findings;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// <c>VITALS-HR-LOW</c> (catalogue v2, NEWS2): over the plausible heart rates in timeline order, a run of consecutive readings
/// at or below <c>vitals.hrLowAtMostBpm</c> is one warning keyed by its first reading, and within it a run at or below
/// <c>vitals.hrCriticalLowAtMostBpm</c> is one critical keyed by its first reading (live); a reading that begins both gets only
/// the critical. A heart rate below the floor <c>vitals.plausible.heartRateBpm.min</c> counts when another reading below it lies
/// at most <c>vitals.belowFloorConfirmWithinMin</c> earlier.
/// </summary>
internal sealed class HeartRateLowRule : ISessionRule
{
    public void Evaluate(RuleContext context)
    {
        var thresholds = context.Thresholds.Vitals;
        Episode low = default, critical = default;
        foreach (var hr in VitalsSeries.Low(context, VitalMeasure.HeartRate))
        {
            // Both episodes advance on every reading; a reading that begins both is reported once, as the critical.
            var beginsLow = low.Begins(hr.Value <= thresholds.HrLowAtMostBpm);
            if (critical.Begins(hr.Value <= thresholds.HrCriticalLowAtMostBpm))
            {
                context.Report(
                    RuleIds.VitalsHrLow, Severity.Critical, context.Thresholds, hr.EventId, hr.Index,
                    $"{HeartRateRule.Evidence(hr.Value, thresholds.HrCriticalLowAtMostBpm, "critical limit")}{hr.BelowFloorNote}", ("heartRateBpm", hr.Value));
            }
            else if (beginsLow)
            {
                context.Report(
                    RuleIds.VitalsHrLow, Severity.Warning, context.Thresholds, hr.EventId, hr.Index,
                    $"{HeartRateRule.Evidence(hr.Value, thresholds.HrLowAtMostBpm, "limit")}{hr.BelowFloorNote}", ("heartRateBpm", hr.Value));
            }
        }
    }
}
