using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Units;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// <c>VITALS-BP-40MIN-MISSING</c> (catalogue v2, timer), for protocols with <c>vitals.bpAfterFirstDose</c> (esketamine: 30–50 min,
/// the label's "about 40 minutes"): no plausible blood pressure in <see cref="BloodPressureAfterFirstDoseWindow"/> (dated from
/// <c>fromMin</c> to <c>toMin</c>, inclusive, after the first dose: first <c>DoseAdministered</c> or non-zero rate). Holds once <c>asOf</c>, or the last event on the timeline, is past
/// the window's end; detected at the window's end. Key <c>""</c>.
/// </summary>
internal sealed class BloodPressureAfterFirstDoseRule : ISessionRule
{
    public void Evaluate(RuleContext context)
    {
        var timeline = context.Timeline;
        if (BloodPressureAfterFirstDoseWindow.Of(timeline, context.Protocol) is not { } window)
        {
            return;
        }

        var protocol = context.Protocol!;
        var entries = timeline.Entries;
        if (context.AsOf.UtcTicks <= window.ToTicks && entries[^1].OccurredTicks <= window.ToTicks)
        {
            return;
        }

        if (window.NextReading(entries, window.FirstDoseIndex, protocol.Vitals.Plausible) >= 0)
        {
            return;
        }

        var range = protocol.Vitals.BpAfterFirstDose!.Value;
        context.ReportTimer(
            RuleIds.VitalsBp40MinMissing, Severity.Warning, protocol, "", Text.Instant(window.ToTicks),
            $"no blood pressure {Text.Number(range.Min.TotalMinutes, ShownPrecision.Minutes)}–{Text.Number(range.Max.TotalMinutes, ShownPrecision.Minutes)} min after the first dose (at {Text.Time(entries[window.FirstDoseIndex].Event.OccurredAt)})",
            ("fromMin", range.Min.TotalMinutes), ("toMin", range.Max.TotalMinutes));
    }
}
