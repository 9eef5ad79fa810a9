using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Units;

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
                Evidence(kg, range.Min.Kilograms, range.Max.Kilograms),
                ("weightKg", kg), ("plausibleMinKg", range.Min.Kilograms), ("plausibleMaxKg", range.Max.Kilograms));
        }
    }

    private static string Evidence(double kg, double min, double max)
    {
        var (shown, minText, maxText) = Text.Outside(kg, min, max, ShownPrecision.Kg);
        return $"weight {shown} kg is outside the plausible {minText}–{maxText} kg: every mg/kg figure of this session is suspect";
    }
}
