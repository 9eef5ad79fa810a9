using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// The cumulative delivered dose (∫ rate dt + discrete doses) against the prescription and the protocol:
/// <c>DOSE-OVER-DELIVERY</c> (above prescribed × (100 + <c>delivery.overDeliveryAbovePercent</c>) %) and <c>DOSE-HARD-LIMIT</c>
/// (above <c>doseMgPerKg.hard.max</c> or <c>fixedDoseMg.hardMax</c>) fire live, at the first event of the timeline after which
/// the cumulative dose is beyond the threshold; <c>DOSE-UNDER-DELIVERY</c> on a <c>completed</c> end below
/// <c>delivery.underDeliveryBelowPercent</c> % of the prescription.
/// </summary>
internal sealed class DeliveredDoseRule : ISessionRule
{
    public void Evaluate(RuleContext context)
    {
        if (context.Protocol is not { } protocol || context.Start is not { } start || context.PrescribedMg is not { } prescribedMg)
        {
            return;
        }

        var delivered = context.Timeline.DeliveredMgAfter;
        var weight = start.Weight.Kilograms;
        var overLimit = prescribedMg * (100 + protocol.Delivery.OverDeliveryAbovePercent) / 100;
        var overIndex = FirstAbove(delivered, overLimit, 1);
        if (overIndex >= 0)
        {
            var mg = delivered[overIndex];
            var excess = (mg - prescribedMg) / prescribedMg * 100;
            context.Report(
                RuleIds.DoseOverDelivery, Severity.Critical, protocol, "", overIndex,
                $"delivered {Text.N(mg)} mg = {Text.N(mg / weight)} mg/kg vs prescribed {Text.N(prescribedMg)} mg ({Text.Percent(excess)} %, limit +{Text.N(protocol.Delivery.OverDeliveryAbovePercent)} %)",
                ("deliveredMg", mg), ("deliveredMgPerKg", mg / weight), ("prescribedMg", prescribedMg), ("excessPercent", excess),
                ("limitMg", overLimit));
        }

        if (protocol.DosePerWeight is { } perWeight)
        {
            var max = perWeight.Hard.Max.MilligramsPerKilogram;
            var index = FirstAbove(delivered, max, weight);
            if (index >= 0)
            {
                var mg = delivered[index];
                context.Report(
                    RuleIds.DoseHardLimit, Severity.Critical, protocol, "", index,
                    $"delivered {Text.N(mg)} mg = {Text.N(mg / weight)} mg/kg is above the protocol's hard maximum {Text.N(max)} mg/kg",
                    ("deliveredMg", mg), ("deliveredMgPerKg", mg / weight), ("hardMaxMgPerKg", max));
            }
        }
        else if (protocol.FixedDose is { } fixedDose)
        {
            var max = fixedDose.HardMax.Milligrams;
            var index = FirstAbove(delivered, max, 1);
            if (index >= 0)
            {
                var mg = delivered[index];
                context.Report(
                    RuleIds.DoseHardLimit, Severity.Critical, protocol, "", index,
                    $"delivered {Text.N(mg)} mg is above the protocol's hard maximum {Text.N(max)} mg",
                    ("deliveredMg", mg), ("deliveredMgPerKg", mg / weight), ("hardMaxMg", max));
            }
        }

        if (context.Timeline.EndReason == SessionEndReason.Completed)
        {
            var total = delivered[^1];
            var underLimit = prescribedMg * protocol.Delivery.UnderDeliveryBelowPercent / 100;
            if (Tolerance.Less(total, underLimit))
            {
                context.Report(
                    RuleIds.DoseUnderDelivery, Severity.Warning, protocol, "", context.Timeline.EndIndex,
                    $"completed session delivered {Text.N(total)} mg = {Text.N(total / weight)} mg/kg, {Text.N(total / prescribedMg * 100)} % of prescribed {Text.N(prescribedMg)} mg (minimum {Text.N(protocol.Delivery.UnderDeliveryBelowPercent)} %)",
                    ("deliveredMg", total), ("deliveredMgPerKg", total / weight), ("prescribedMg", prescribedMg),
                    ("deliveredPercent", total / prescribedMg * 100));
            }
        }
    }

    /// <summary>The first event after which delivered ÷ <paramref name="divisor"/> is beyond <paramref name="limit"/>, or -1.</summary>
    private static int FirstAbove(ReadOnlySpan<double> delivered, double limit, double divisor)
    {
        for (var i = 0; i < delivered.Length; i++)
        {
            if (Tolerance.Greater(delivered[i] / divisor, limit))
            {
                return i;
            }
        }

        return -1;
    }
}
