using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Units;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// <c>VITALS-BP-LOW</c> (catalogue v2, live), over the plausible systolic pressures in timeline order: a run of consecutive
/// readings below <c>vitals.bpLow.systolicBelowMmHg</c> (90, NEWS2) is one warning keyed by its first reading; a reading below
/// <c>vitals.bpLow.criticalSystolicBelowMmHg</c> (80) whose previous reading below it lies at most
/// <c>vitals.bpLow.criticalPairWithinMin</c> (10, inclusive) earlier is one critical keyed by that reading, after which the rule
/// is quiet until a reading at or above the critical limit.
/// </summary>
internal sealed class BloodPressureLowRule : ISessionRule
{
    public void Evaluate(RuleContext context)
    {
        var thresholds = context.Thresholds.Vitals;
        var entries = context.Timeline.Entries;
        var inLow = false;
        var criticalFired = false;
        var lastCriticalLow = long.MinValue;
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i].Event.Payload is not VitalsRecordedPayload vitals)
            {
                continue;
            }

            var systolic = VitalsReading.Of(vitals, thresholds.Plausible).SystolicMmHg;
            if (double.IsNaN(systolic))
            {
                continue;
            }

            var at = entries[i].OccurredTicks;
            var low = systolic < thresholds.BpLowSystolicBelowMmHg;
            if (low && !inLow)
            {
                context.Report(
                    RuleIds.VitalsBpLow, Severity.Warning, context.Thresholds, entries[i].Event.EventId, i,
                    Limit("systolic", systolic, thresholds.BpLowSystolicBelowMmHg), ("systolicMmHg", systolic));
            }

            inLow = low;
            if (systolic >= thresholds.BpLowCriticalSystolicBelowMmHg)
            {
                criticalFired = false;
                continue;
            }

            if (!criticalFired && lastCriticalLow != long.MinValue && at - lastCriticalLow <= thresholds.BpLowCriticalPairWithin.Ticks)
            {
                criticalFired = true;
                context.Report(
                    RuleIds.VitalsBpLow, Severity.Critical, context.Thresholds, entries[i].Event.EventId, i,
                    CriticalEvidence(systolic, thresholds.BpLowCriticalSystolicBelowMmHg, at - lastCriticalLow),
                    ("systolicMmHg", systolic), ("minutesSincePrevious", Text.Minutes(at - lastCriticalLow)));
            }

            lastCriticalLow = at;
        }
    }

    private static string Limit(string measure, double value, double limit)
    {
        var (shown, limitText) = Text.Compared(value, limit, ShownPrecision.Vital);
        return $"{measure} {shown} mmHg (limit {limitText} mmHg)";
    }

    private static string CriticalEvidence(double systolic, double limit, long sincePrevious)
    {
        var (shown, limitText) = Text.Compared(systolic, limit, ShownPrecision.Vital);
        return $"systolic {shown} mmHg, the second below {limitText} mmHg within {Text.Duration(sincePrevious)}";
    }
}
