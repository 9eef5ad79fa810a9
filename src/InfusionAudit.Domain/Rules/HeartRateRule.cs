using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Units;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// Heart rate over the plausible readings in timeline order.
/// <c>VITALS-HR-HIGH</c>: above <c>hrHighAboveBpm</c>; consecutive such readings are one episode keyed by the first.
/// <c>VITALS-HR-CRITICAL</c> (live): within a run of consecutive readings above <c>hrCritical.sustainedAboveBpm</c>, at the first
/// reading that is above <c>.singleAboveBpm</c> or lies at least <c>.sustainedForMin</c> after the run's first reading; one
/// finding per run, keyed by the firing reading.
/// </summary>
internal sealed class HeartRateRule : ISessionRule
{
    public void Evaluate(RuleContext context)
    {
        var thresholds = context.Thresholds.Vitals;
        var entries = context.Timeline.Entries;
        var inHigh = false;
        var runStart = long.MinValue;
        var runFired = false;
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i].Event.Payload is not VitalsRecordedPayload vitals)
            {
                continue;
            }

            var hr = VitalsReading.Of(vitals, thresholds.Plausible).HeartRateBpm;
            if (double.IsNaN(hr))
            {
                continue;
            }

            var high = hr > thresholds.HrHighAboveBpm;
            if (high && !inHigh)
            {
                context.Report(
                    RuleIds.VitalsHrHigh, Severity.Warning, context.Thresholds, entries[i].Event.EventId, i,
                    Evidence(hr, thresholds.HrHighAboveBpm, "limit"),
                    ("heartRateBpm", hr));
            }

            inHigh = high;

            if (hr <= thresholds.HrCriticalSustainedAboveBpm)
            {
                runStart = long.MinValue;
                runFired = false;
                continue;
            }

            var at = entries[i].OccurredTicks;
            if (runStart == long.MinValue)
            {
                runStart = at;
            }

            var single = hr > thresholds.HrCriticalSingleAboveBpm;
            var sustained = at - runStart >= thresholds.HrCriticalSustainedFor.Ticks;
            if ((single || sustained) && !runFired)
            {
                runFired = true;
                context.Report(
                    RuleIds.VitalsHrCritical, Severity.Critical, context.Thresholds, entries[i].Event.EventId, i,
                    single
                        ? Evidence(hr, thresholds.HrCriticalSingleAboveBpm, "single-reading limit")
                        : $"heart rate above {Text.Vital(thresholds.HrCriticalSustainedAboveBpm)} bpm for {Text.Duration(at - runStart)}, now {Text.Vital(hr)} bpm (limit {Text.Duration(thresholds.HrCriticalSustainedFor)})",
                    ("heartRateBpm", hr), ("sustainedMin", Text.Minutes(at - runStart)));
            }
        }
    }

    /// <summary><c>heart rate 111 bpm (limit 110 bpm)</c>, the reading at enough decimals to tell it from the limit.</summary>
    public static string Evidence(double hr, double limit, string name)
    {
        var (shown, limitText) = Text.Compared(hr, limit, ShownPrecision.Vital);
        return $"heart rate {shown} bpm ({name} {limitText} bpm)";
    }
}
