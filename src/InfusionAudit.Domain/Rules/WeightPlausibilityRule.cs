using InfusionAudit.Domain.Findings;

namespace InfusionAudit.Domain.Rules;

/// <summary><c>WEIGHT-IMPLAUSIBLE</c>: weight outside <c>weightKg.plausible</c> (inclusive range).</summary>
internal sealed class WeightPlausibilityRule : ISessionRule
{
    public void Evaluate(RuleContext context)
    {
        if (context.Start is not { } start)
        {
            return;
        }

        var range = context.Thresholds.PlausibleWeight;
        var kg = start.Weight.Kilograms;
        if (kg < range.Min.Kilograms || kg > range.Max.Kilograms)
        {
            context.Report(
                RuleIds.WeightImplausible, Severity.Critical, context.Thresholds, "", context.Timeline.StartIndex,
                $"weight {Text.N(kg)} kg is outside the plausible {Text.N(range.Min.Kilograms)}–{Text.N(range.Max.Kilograms)} kg: every mg/kg figure of this session is suspect",
                ("weightKg", kg), ("plausibleMinKg", range.Min.Kilograms), ("plausibleMaxKg", range.Max.Kilograms));
        }
    }
}
