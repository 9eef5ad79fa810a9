using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// <c>VITALS-MISSING</c> (catalogue v2, timer): while dosing or observing, more than <c>vitals.missingAfterMin</c> (15) without a
/// plausible blood pressure, or without a plausible SpO2. The watch runs from the first dose (first <c>DoseAdministered</c> or
/// non-zero rate) to the end of monitoring: the first <c>PatientDischarged</c>, else the first <c>SessionEnded</c>, else it is
/// still open and <c>asOf</c> decides. Each gap (from the watch's start or a reading, to the next reading or the watch's end)
/// longer than the limit is one finding, keyed <c>bloodPressure:&lt;id&gt;</c> / <c>spo2:&lt;id&gt;</c> with the id of the event
/// that began the gap (the first dose or the last reading), detected at that event's time + the limit. Exactly the limit passes.
/// </summary>
internal sealed class VitalsMissingRule : ISessionRule
{
    public void Evaluate(RuleContext context)
    {
        var timeline = context.Timeline;
        var first = timeline.FirstDoseOrRateIndex;
        if (first < 0)
        {
            return;
        }

        var endIndex = timeline.DischargeIndex >= 0 ? timeline.DischargeIndex : timeline.EndIndex;
        Judge(context, first, endIndex, pressure: true);
        Judge(context, first, endIndex, pressure: false);
    }

    private static void Judge(RuleContext context, int first, int endIndex, bool pressure)
    {
        var thresholds = context.Thresholds.Vitals;
        var limit = thresholds.MissingAfter.Ticks;
        var entries = context.Timeline.Entries;
        var windowEnd = endIndex >= 0 ? entries[endIndex].OccurredTicks : long.MaxValue;
        var from = entries[first].OccurredTicks;
        var fromIndex = first;
        for (var i = first + 1; i < entries.Length && entries[i].OccurredTicks <= windowEnd; i++)
        {
            if (entries[i].Event.Payload is not VitalsRecordedPayload vitals)
            {
                continue;
            }

            var reading = VitalsReading.Of(vitals, thresholds.Plausible);
            if (double.IsNaN(pressure ? reading.SystolicMmHg : reading.Spo2Percent))
            {
                continue;
            }

            var at = entries[i].OccurredTicks;
            if (at - from > limit)
            {
                Report(context, pressure, fromIndex, from + limit, at - from);
            }

            from = at;
            fromIndex = i;
        }

        if (endIndex >= 0 ? windowEnd - from > limit : context.AsOf.UtcTicks - from > limit)
        {
            Report(context, pressure, fromIndex, from + limit, endIndex >= 0 ? windowEnd - from : double.NaN);
        }
    }

    private static void Report(RuleContext context, bool pressure, int fromIndex, long due, double gapTicks)
    {
        var measure = pressure ? "bloodPressure" : "spo2";
        var what = pressure ? "blood pressure" : "SpO2";
        var limit = context.Thresholds.Vitals.MissingAfter;
        var gap = double.IsNaN(gapTicks) ? "" : $" (gap {Text.Duration((long)gapTicks)})";
        context.ReportTimer(
            RuleIds.VitalsMissing, Severity.Warning, context.Thresholds, $"{measure}:{context.Entry(fromIndex).Event.EventId}", Text.Instant(due),
            $"no {what} for more than {Text.Duration(limit)} while dosing or observing, from {Text.Time(context.Entry(fromIndex).Event.OccurredAt)}{gap}",
            ("limitMin", limit.TotalMinutes), ("gapMin", double.IsNaN(gapTicks) ? double.NaN : Text.Minutes((long)gapTicks)));
    }
}
