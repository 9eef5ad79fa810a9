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
        Episode high = default;
        var runStart = long.MinValue;
        var runFired = false;
        foreach (var reading in VitalsSeries.Plausible(context, VitalMeasure.HeartRate))
        {
            var hr = reading.Value;
            if (high.Begins(hr > thresholds.HrHighAboveBpm))
            {
                context.Report(
                    RuleIds.VitalsHrHigh, Severity.Warning, context.Thresholds, reading.EventId, reading.Index,
                    Evidence(hr, thresholds.HrHighAboveBpm, "limit"),
                    ("heartRateBpm", hr));
            }

            if (hr <= thresholds.HrCriticalSustainedAboveBpm)
            {
                runStart = long.MinValue;
                runFired = false;
                continue;
            }

            var at = context.Entry(reading.Index).OccurredTicks;
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
                    RuleIds.VitalsHrCritical, Severity.Critical, context.Thresholds, reading.EventId, reading.Index,
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
