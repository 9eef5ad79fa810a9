using InfusionAudit.Domain.Findings;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// <c>VITALS-BP-PREDOSE-MISSING</c> (catalogue v2): no reading with a plausible blood pressure on the timeline before the first
/// dose (a <c>DoseAdministered</c> or a non-zero <c>InfusionRateChanged</c>) and at most <c>vitals.bpPredose.withinMin</c>
/// before it (inclusive). Shown by the first dose (trigger), key <c>""</c>. Sessions without a dose are not judged.
/// </summary>
internal sealed class BloodPressurePredoseMissingRule : ISessionRule
{
    public void Evaluate(RuleContext context)
    {
        var firstDose = context.Timeline.FirstDoseOrRateIndex;
        if (firstDose < 0)
        {
            return;
        }

        var thresholds = context.Thresholds.Vitals;
        var entries = context.Timeline.Entries;
        var last = VitalsReading.LastPressureBefore(entries, firstDose, thresholds.Plausible, out _);
        if (last >= 0 && entries[firstDose].OccurredTicks - entries[last].OccurredTicks <= thresholds.BpPredoseWithin.Ticks)
        {
            return;
        }

        context.Report(
            RuleIds.VitalsBpPredoseMissing, Severity.Warning, context.Thresholds, "", firstDose,
            $"no blood pressure in the {Text.Duration(thresholds.BpPredoseWithin)} before the first dose {entries[firstDose].Event.EventId}",
            ("withinMin", thresholds.BpPredoseWithin.TotalMinutes));
    }
}
