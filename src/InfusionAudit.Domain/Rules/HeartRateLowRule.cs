using InfusionAudit.Domain.Contract;
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
        var entries = context.Timeline.Entries;
        var inLow = false;
        var inCritical = false;
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i].Event.Payload is not VitalsRecordedPayload vitals)
            {
                continue;
            }

            var hr = VitalsReading.ForLowLimit(
                entries, i, VitalsReading.Of(vitals, thresholds.Plausible).HeartRateBpm, static v => v.HeartRateBpm,
                thresholds.Plausible.HeartRateBpm.Min, "bpm", thresholds.BelowFloorConfirmWithin, out var confirmed);
            if (double.IsNaN(hr))
            {
                continue;
            }

            var low = hr <= thresholds.HrLowAtMostBpm;
            var critical = hr <= thresholds.HrCriticalLowAtMostBpm;
            if (critical && !inCritical)
            {
                context.Report(
                    RuleIds.VitalsHrLow, Severity.Critical, context.Thresholds, entries[i].Event.EventId, i,
                    $"{HeartRateRule.Evidence(hr, thresholds.HrCriticalLowAtMostBpm, "critical limit")}{confirmed}", ("heartRateBpm", hr));
            }
            else if (low && !inLow)
            {
                context.Report(
                    RuleIds.VitalsHrLow, Severity.Warning, context.Thresholds, entries[i].Event.EventId, i,
                    $"{HeartRateRule.Evidence(hr, thresholds.HrLowAtMostBpm, "limit")}{confirmed}", ("heartRateBpm", hr));
            }

            inLow = low;
            inCritical = critical;
        }
    }
}
