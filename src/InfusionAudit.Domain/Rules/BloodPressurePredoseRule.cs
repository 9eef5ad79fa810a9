using InfusionAudit.Domain.Findings;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// <c>VITALS-BP-PREDOSE</c>: the last plausible blood pressure reading on the timeline before the first dose (a
/// <c>DoseAdministered</c> or a non-zero <c>InfusionRateChanged</c>) has systolic above <c>vitals.bpPredose.systolicAboveMmHg</c>
/// or diastolic above <c>.diastolicAboveMmHg</c>. Shown by the first dose (trigger). No reading before it: not judged.
/// </summary>
internal sealed class BloodPressurePredoseRule : ISessionRule
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
        var i = VitalsReading.LastPressureBefore(entries, firstDose, thresholds.Plausible, out var reading);
        if (i >= 0 && (reading.SystolicMmHg > thresholds.BpPredoseSystolicAboveMmHg || reading.DiastolicMmHg > thresholds.BpPredoseDiastolicAboveMmHg))
        {
            context.Report(
                RuleIds.VitalsBpPredose, Severity.Warning, context.Thresholds, "", firstDose,
                Evidence(reading, thresholds.BpPredoseSystolicAboveMmHg, thresholds.BpPredoseDiastolicAboveMmHg, entries[i].Event.EventId),
                ("systolicMmHg", reading.SystolicMmHg), ("diastolicMmHg", reading.DiastolicMmHg));
        }
    }

    private static string Evidence(VitalsReading reading, double systolicLimit, double diastolicLimit, string readingEventId)
    {
        var (shown, limit) = BloodPressureRule.Show(reading, systolicLimit, diastolicLimit);
        return $"last blood pressure before the first dose was {shown} (limit {limit} mmHg), reading {readingEventId}";
    }
}
