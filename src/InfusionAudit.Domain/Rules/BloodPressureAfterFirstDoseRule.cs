using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// <c>VITALS-BP-40MIN-MISSING</c> (catalogue v2, timer), for protocols with <c>vitals.bpAfterFirstDose</c> (esketamine: 30–50 min,
/// the label's "about 40 minutes"): no plausible blood pressure dated from <c>fromMin</c> to <c>toMin</c> (inclusive) after the
/// first dose (first <c>DoseAdministered</c> or non-zero rate). Holds once <c>asOf</c>, or the last event on the timeline, is past
/// the window's end; detected at the window's end. Key <c>""</c>.
/// </summary>
internal sealed class BloodPressureAfterFirstDoseRule : ISessionRule
{
    public void Evaluate(RuleContext context)
    {
        var timeline = context.Timeline;
        if (context.Protocol is not { Vitals.BpAfterFirstDose: { } window } protocol || timeline.FirstDoseOrRateIndex < 0)
        {
            return;
        }

        var entries = timeline.Entries;
        var dosedAt = entries[timeline.FirstDoseOrRateIndex].OccurredTicks;
        var from = dosedAt + window.Min.Ticks;
        var to = dosedAt + window.Max.Ticks;
        if (context.AsOf.UtcTicks <= to && entries[^1].OccurredTicks <= to)
        {
            return;
        }

        for (var i = timeline.FirstDoseOrRateIndex; i < entries.Length && entries[i].OccurredTicks <= to; i++)
        {
            if (entries[i].OccurredTicks >= from && entries[i].Event.Payload is VitalsRecordedPayload vitals
                && !double.IsNaN(VitalsReading.Of(vitals, protocol.Vitals.Plausible).SystolicMmHg))
            {
                return;
            }
        }

        context.ReportTimer(
            RuleIds.VitalsBp40MinMissing, Severity.Warning, protocol, "", Text.Instant(to),
            $"no blood pressure {Text.N(window.Min.TotalMinutes)}–{Text.N(window.Max.TotalMinutes)} min after the first dose (at {Text.Time(entries[timeline.FirstDoseOrRateIndex].Event.OccurredAt)})",
            ("fromMin", window.Min.TotalMinutes), ("toMin", window.Max.TotalMinutes));
    }
}
