using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;

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
    public static string Show(VitalsReading reading) =>
        $"{(double.IsNaN(reading.SystolicMmHg) ? "–" : Text.N(reading.SystolicMmHg))}/{(double.IsNaN(reading.DiastolicMmHg) ? "–" : Text.N(reading.DiastolicMmHg))} mmHg";

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
                    $"blood pressure {Show(reading)} (limit {Text.N(thresholds.BpHighSystolicAtLeastMmHg)}/{Text.N(thresholds.BpHighDiastolicAtLeastMmHg)} mmHg)",
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
                        ? $"blood pressure {Show(reading)} (single-reading limit {Text.N(thresholds.BpCriticalSingleSystolicAtLeastMmHg)}/{Text.N(thresholds.BpCriticalSingleDiastolicAtLeastMmHg)} mmHg)"
                        : $"blood pressure {Show(reading)}, the second reading at or above {Text.N(thresholds.BpCriticalPairSystolicAtLeastMmHg)}/{Text.N(thresholds.BpCriticalPairDiastolicAtLeastMmHg)} mmHg within {Text.Duration(at - lastPairLevelAt)} (limit {Text.Duration(thresholds.BpCriticalPairWithin)})",
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
}
