using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Units;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// <c>DOSE-PRESCRIBED-HARD</c> / <c>-SOFT</c> on the prescription (key <c>""</c>): weight-based protocols compare mg/kg with
/// <c>doseMgPerKg.hard</c> / <c>.soft</c>; fixed-dose protocols compare mg with <c>fixedDoseMg.hardMax</c> and the
/// <c>allowed</c> set. Only the more severe of the two fires. An infusion concentration outside
/// <c>concentrationMgPerMl.hard</c> is <c>DOSE-PRESCRIBED-HARD</c> with key <c>concentration</c>: every mL/h → mg figure depends on it.
/// </summary>
internal sealed class PrescribedDoseRule : ISessionRule
{
    public void Evaluate(RuleContext context)
    {
        if (context.Protocol is not { } protocol || context.Start is not { } start)
        {
            return;
        }

        var trigger = context.Timeline.StartIndex;
        if (protocol.DosePerWeight is { } limits && context.PrescribedMgPerKg is { } mgPerKg)
        {
            var hard = limits.Hard;
            var soft = limits.Soft;
            if (Tolerance.Less(mgPerKg, hard.Min.MilligramsPerKilogram) || Tolerance.Greater(mgPerKg, hard.Max.MilligramsPerKilogram))
            {
                context.Report(
                    RuleIds.DosePrescribedHard, Severity.Critical, protocol, "", trigger,
                    OutsideText("prescribed", mgPerKg, "mg/kg", "hard", hard.Min.MilligramsPerKilogram, hard.Max.MilligramsPerKilogram, ShownPrecision.MgPerKg),
                    ("prescribedMgPerKg", mgPerKg), ("hardMinMgPerKg", hard.Min.MilligramsPerKilogram), ("hardMaxMgPerKg", hard.Max.MilligramsPerKilogram));
            }
            else if (Tolerance.Less(mgPerKg, soft.Min.MilligramsPerKilogram) || Tolerance.Greater(mgPerKg, soft.Max.MilligramsPerKilogram))
            {
                context.Report(
                    RuleIds.DosePrescribedSoft, Severity.Warning, protocol, "", trigger,
                    OutsideText("prescribed", mgPerKg, "mg/kg", "soft", soft.Min.MilligramsPerKilogram, soft.Max.MilligramsPerKilogram, ShownPrecision.MgPerKg),
                    ("prescribedMgPerKg", mgPerKg), ("softMinMgPerKg", soft.Min.MilligramsPerKilogram), ("softMaxMgPerKg", soft.Max.MilligramsPerKilogram));
            }
        }

        if (protocol.FixedDose is { } fixedDose && context.PrescribedMg is { } mg)
        {
            if (Tolerance.Greater(mg, fixedDose.HardMax.Milligrams))
            {
                context.Report(
                    RuleIds.DosePrescribedHard, Severity.Critical, protocol, "", trigger,
                    AboveText(mg, fixedDose.HardMax.Milligrams),
                    ("prescribedMg", mg), ("hardMaxMg", fixedDose.HardMax.Milligrams));
            }
            else if (!FixedDoseRule.IsAllowed(mg, fixedDose))
            {
                context.Report(
                    RuleIds.DosePrescribedSoft, Severity.Warning, protocol, "", trigger,
                    $"prescribed {FixedDoseRule.NotAllowedText(mg, fixedDose)} mg is not one of the allowed doses {FixedDoseRule.AllowedText(fixedDose)} mg",
                    ("prescribedMg", mg));
            }
        }

        if (protocol.ConcentrationHard is { } range && start.Concentration is { } concentration)
        {
            var c = concentration.MilligramsPerMillilitre;
            if (Tolerance.Less(c, range.Min.MilligramsPerMillilitre) || Tolerance.Greater(c, range.Max.MilligramsPerMillilitre))
            {
                context.Report(
                    RuleIds.DosePrescribedHard, Severity.Critical, protocol, "concentration", trigger,
                    OutsideText("concentration", c, "mg/mL", "hard", range.Min.MilligramsPerMillilitre, range.Max.MilligramsPerMillilitre, ShownPrecision.MgPerMl),
                    ("concentrationMgPerMl", c), ("hardMinMgPerMl", range.Min.MilligramsPerMillilitre), ("hardMaxMgPerMl", range.Max.MilligramsPerMillilitre));
            }
        }
    }

    private static string OutsideText(string what, double value, string unit, string name, double min, double max, int decimals)
    {
        var (shown, minText, maxText) = Text.Outside(value, min, max, decimals);
        return $"{what} {shown} {unit} is outside the {name} range {minText}–{maxText} {unit}";
    }

    private static string AboveText(double mg, double max)
    {
        var (shown, maxText) = Text.Compared(mg, max, ShownPrecision.Mg);
        return $"prescribed {shown} mg is above the hard maximum {maxText} mg";
    }
}
