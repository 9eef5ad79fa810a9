using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Protocols;
using InfusionAudit.Domain.Sessions;
using InfusionAudit.Domain.Units;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// <c>VITALS-BASELINE-CHANGE</c> (catalogue v2, World SIVA, live): per measure (heart rate, systolic), the baseline is the last
/// plausible reading before the first dose (first <c>DoseAdministered</c> or non-zero rate); after it, two consecutive readings
/// of that measure each more than <c>vitals.baselineChangeAbovePercent</c> (25) % from the baseline (either direction) are one
/// warning, keyed <c>heartRate:&lt;event id&gt;</c> / <c>systolic:&lt;event id&gt;</c> of the second, which shows it; the episode
/// lasts until a reading within the limit. Readings after the first dose without a baseline: listed as not evaluated.
/// </summary>
internal sealed class BaselineChangeRule : ISessionRule
{
    public void Evaluate(RuleContext context)
    {
        var first = context.Timeline.FirstDoseOrRateIndex;
        if (first < 0)
        {
            return;
        }

        Judge(context, first, heartRate: true);
        Judge(context, first, heartRate: false);
    }

    private static double Value(in TimelineEntry entry, VitalsPlausibility plausible, bool heartRate)
    {
        if (entry.Event.Payload is not VitalsRecordedPayload vitals)
        {
            return double.NaN;
        }

        var reading = VitalsReading.Of(vitals, plausible);
        return heartRate ? reading.HeartRateBpm : reading.SystolicMmHg;
    }

    private static void Judge(RuleContext context, int first, bool heartRate)
    {
        var thresholds = context.Thresholds.Vitals;
        var entries = context.Timeline.Entries;
        var baseline = double.NaN;
        for (var i = first - 1; i >= 0 && double.IsNaN(baseline); i--)
        {
            baseline = Value(in entries[i], thresholds.Plausible, heartRate);
        }

        var measure = heartRate ? "heartRate" : "systolic";
        var unit = heartRate ? "bpm" : "mmHg";
        var previousChanged = false;
        var inEpisode = false;
        for (var i = first + 1; i < entries.Length; i++)
        {
            var value = Value(in entries[i], thresholds.Plausible, heartRate);
            if (double.IsNaN(value))
            {
                continue;
            }

            if (double.IsNaN(baseline))
            {
                context.NotEvaluated(RuleIds.VitalsBaselineChange, $"no {measure} reading before the first dose to compare with");
                return;
            }

            var changePercent = (value - baseline) / baseline * 100;
            var changed = Tolerance.Greater(Math.Abs(changePercent), thresholds.BaselineChangeAbovePercent);
            if (changed && previousChanged && !inEpisode)
            {
                inEpisode = true;
                context.Report(
                    RuleIds.VitalsBaselineChange, Severity.Warning, context.Thresholds, $"{measure}:{entries[i].Event.EventId}", i,
                    Evidence(measure, unit, value, baseline, changePercent, thresholds.BaselineChangeAbovePercent),
                    (measure + (heartRate ? "Bpm" : "MmHg"), value), ("baseline" + (heartRate ? "Bpm" : "MmHg"), baseline), ("changePercent", changePercent));
            }

            inEpisode &= changed;
            previousChanged = changed;
        }
    }

    private static string Evidence(string measure, string unit, double value, double baseline, double changePercent, double limit)
    {
        var (change, limitText) = Text.Compared(Math.Abs(changePercent), limit, ShownPrecision.Percent);
        var signed = changePercent < 0 ? "-" + change : Text.Signed(change);
        return $"{measure} {Text.Vital(value)} {unit}, {signed} % from the pre-dose {Text.Vital(baseline)} {unit} on two readings (limit {limitText} %)";
    }
}
