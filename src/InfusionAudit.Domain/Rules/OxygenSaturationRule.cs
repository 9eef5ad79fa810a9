using InfusionAudit.Domain.Contract;
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
        var entries = context.Timeline.Entries;
        var inLow = false;
        var inCritical = false;
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i].Event.Payload is not VitalsRecordedPayload vitals)
            {
                continue;
            }

            var spo2 = VitalsReading.ForLowLimit(
                entries, i, VitalsReading.Of(vitals, thresholds.Plausible).Spo2Percent, static v => v.Spo2Percent,
                thresholds.Plausible.Spo2Percent.Min, "%", thresholds.BelowFloorConfirmWithin, out var confirmed);
            if (double.IsNaN(spo2))
            {
                continue;
            }

            var low = spo2 < thresholds.Spo2LowBelowPercent;
            var critical = spo2 < thresholds.Spo2CriticalBelowPercent;
            if (low && !inLow)
            {
                context.Report(
                    RuleIds.VitalsSpo2Low, Severity.Warning, context.Thresholds, entries[i].Event.EventId, i,
                    $"{Evidence(spo2, thresholds.Spo2LowBelowPercent, "limit")}{confirmed}", ("spo2Percent", spo2));
            }

            if (critical && !inCritical)
            {
                context.Report(
                    RuleIds.VitalsSpo2Critical, Severity.Critical, context.Thresholds, entries[i].Event.EventId, i,
                    $"{Evidence(spo2, thresholds.Spo2CriticalBelowPercent, "critical limit")}{confirmed}", ("spo2Percent", spo2));
            }

            inLow = low;
            inCritical = critical;
        }
    }

    private static string Evidence(double spo2, double limit, string name)
    {
        var (shown, limitText) = Text.Compared(spo2, limit, ShownPrecision.Percent);
        return $"SpO2 {shown} % ({name} {limitText} %)";
    }
}
