using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Units;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// Blood pressure over the plausible readings in timeline order.
/// <c>VITALS-BP-HIGH</c>: systolic ≥ <c>bpHigh.systolicAtLeastMmHg</c> or diastolic ≥ <c>.diastolicAtLeastMmHg</c>; consecutive
/// high readings are one episode keyed by the first.
/// <c>VITALS-BP-CRITICAL</c> (live): a reading ≥ the single limits, or a reading ≥ the pair limits (either value) with an earlier
/// such reading at most <c>bpCritical.pairWithinMin</c> before it; fires at that reading (key = its event id), then stays quiet
/// until a reading below the pair limits ends the episode.
/// </summary>
internal sealed class BloodPressureRule : ISessionRule
{
    /// <summary>
    /// A reading (<c>170/95 mmHg</c>) and the limit pair it was judged against (<c>160/100</c>), each value at enough
    /// decimals to tell it from its limit.
    /// </summary>
    public static (string Reading, string Limit) Show(VitalsReading reading, double systolicLimit, double diastolicLimit)
    {
        var (sys, sysLimit) = Part(reading.SystolicMmHg, systolicLimit);
        var (dia, diaLimit) = Part(reading.DiastolicMmHg, diastolicLimit);
        return ($"{sys}/{dia} mmHg", $"{sysLimit}/{diaLimit}");
    }

    private static (string Value, string Limit) Part(double value, double limit) =>
        double.IsNaN(value) ? ("–", Text.Vital(limit)) : Text.Compared(value, limit, ShownPrecision.Vital);

    public void Evaluate(RuleContext context)
    {
        var thresholds = context.Thresholds.Vitals;
        var entries = context.Timeline.Entries;
        var inHigh = false;
        var inCritical = false;
        var lastPairLevelAt = long.MinValue;
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i].Event.Payload is not VitalsRecordedPayload vitals)
            {
                continue;
            }

            var reading = VitalsReading.Of(vitals, thresholds.Plausible);
            if (!reading.HasPressure)
            {
                continue;
            }

            var sys = reading.SystolicMmHg;
            var dia = reading.DiastolicMmHg;
            var high = sys >= thresholds.BpHighSystolicAtLeastMmHg || dia >= thresholds.BpHighDiastolicAtLeastMmHg;
            if (high && !inHigh)
            {
                context.Report(
                    RuleIds.VitalsBpHigh, Severity.Warning, context.Thresholds, entries[i].Event.EventId, i,
                    Evidence("blood pressure {0} (limit {1} mmHg)", reading, thresholds.BpHighSystolicAtLeastMmHg, thresholds.BpHighDiastolicAtLeastMmHg),
                    ("systolicMmHg", sys), ("diastolicMmHg", dia));
            }

            inHigh = high;

            var at = entries[i].OccurredTicks;
            var single = sys >= thresholds.BpCriticalSingleSystolicAtLeastMmHg || dia >= thresholds.BpCriticalSingleDiastolicAtLeastMmHg;
            var pairLevel = sys >= thresholds.BpCriticalPairSystolicAtLeastMmHg || dia >= thresholds.BpCriticalPairDiastolicAtLeastMmHg;
            var pair = pairLevel && lastPairLevelAt != long.MinValue && at - lastPairLevelAt <= thresholds.BpCriticalPairWithin.Ticks;
            if ((single || pair) && !inCritical)
            {
                context.Report(
                    RuleIds.VitalsBpCritical, Severity.Critical, context.Thresholds, entries[i].Event.EventId, i,
                    single
                        ? Evidence("blood pressure {0} (single-reading limit {1} mmHg)", reading, thresholds.BpCriticalSingleSystolicAtLeastMmHg, thresholds.BpCriticalSingleDiastolicAtLeastMmHg)
                        : Evidence(
                            $"blood pressure {{0}}, the second reading at or above {{1}} mmHg within {Text.Duration(at - lastPairLevelAt)} (limit {Text.Duration(thresholds.BpCriticalPairWithin)})",
                            reading, thresholds.BpCriticalPairSystolicAtLeastMmHg, thresholds.BpCriticalPairDiastolicAtLeastMmHg),
                    ("systolicMmHg", sys), ("diastolicMmHg", dia));
                inCritical = true;
            }

            if (!pairLevel)
            {
                inCritical = false;
            }
            else
            {
                lastPairLevelAt = at;
            }
        }
    }

    private static string Evidence(string format, VitalsReading reading, double systolicLimit, double diastolicLimit)
    {
        var (shown, limit) = Show(reading, systolicLimit, diastolicLimit);
        return string.Format(System.Globalization.CultureInfo.InvariantCulture, format, shown, limit);
    }
}
