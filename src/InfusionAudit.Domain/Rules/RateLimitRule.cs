using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Protocols;
using InfusionAudit.Domain.Sessions;
using InfusionAudit.Domain.Units;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// <c>RATE-HARD</c> / <c>RATE-SOFT</c>: a non-zero <c>InfusionRateChanged</c> (before the end) whose rate in mg/kg/h is above
/// <c>rateMgPerKgPerHour.hardMax</c> / <c>.softMax</c>; only the more severe fires, keyed by the rate event. A rate in mL/h
/// is judged as mL/h × concentration ÷ weight. Resumes re-apply a rate already judged. A rate whose device time is not believed
/// (<c>CLOCK-IMPLAUSIBLE</c>) is still judged: its value is real. A rate that cannot be converted to mg/kg/h (mL/h without
/// concentration) is listed as not evaluated.
/// </summary>
internal sealed class RateLimitRule : ISessionRule
{
    public void Evaluate(RuleContext context)
    {
        if (context.Protocol is not { Rate: { } limits } protocol || context.Start is not { } start)
        {
            return;
        }

        var weight = start.Weight.Kilograms;
        Judge(context, protocol, limits, weight, context.Timeline.Pieces);
        Judge(context, protocol, limits, weight, context.Timeline.UntimedRates);
    }

    private static void Judge(RuleContext context, ProtocolDefinition protocol, RateLimits limits, double weight, IReadOnlyList<RunPiece> pieces)
    {
        foreach (var piece in pieces)
        {
            ref readonly var entry = ref context.Entry(piece.RateEventIndex);
            if (entry.Event.Payload is not InfusionRateChangedPayload)
            {
                continue;
            }

            if (double.IsNaN(piece.MgPerHour))
            {
                const string reason = "a programmed rate cannot be converted to mg/kg/h (mL/h without concentration; DOSE-NOT-COMPUTABLE)";
                context.NotEvaluated(RuleIds.RateHard, reason);
                context.NotEvaluated(RuleIds.RateSoft, reason);
                continue;
            }

            var mgPerKgPerHour = piece.MgPerHour / weight;
            var hard = limits.HardMax.MilligramsPerKilogramPerHour;
            var soft = limits.SoftMax.MilligramsPerKilogramPerHour;
            var (ruleId, severity, max, name) = Tolerance.Greater(mgPerKgPerHour, hard) ? (RuleIds.RateHard, Severity.Critical, hard, "hard")
                : Tolerance.Greater(mgPerKgPerHour, soft) ? (RuleIds.RateSoft, Severity.Warning, soft, "soft")
                : (null, Severity.Info, 0, "");
            if (ruleId is null)
            {
                continue;
            }

            context.Report(
                ruleId, severity, protocol, entry.Event.EventId, piece.RateEventIndex,
                Evidence(piece, mgPerKgPerHour, max, name),
                ("rateMgPerKgPerHour", mgPerKgPerHour), ("rateMgPerHour", piece.MgPerHour), ("maxMgPerKgPerHour", max));
        }
    }

    private static string Evidence(in RunPiece piece, double mgPerKgPerHour, double max, string name)
    {
        var (rate, maximum) = Text.Compared(mgPerKgPerHour, max, ShownPrecision.MgPerKgPerHour);

        // A rate programmed in mg/kg/h is the judged value itself: shown with the same digits, so both read alike.
        var programmed = piece.Rate.WeightBasedRate is { } perKg
            ? $"{Text.Number(perKg.MilligramsPerKilogramPerHour, Math.Max(ShownPrecision.MgPerKgPerHour, Text.Decimals(mgPerKgPerHour, max, ShownPrecision.MgPerKgPerHour)))} mg/kg/h"
            : piece.Rate.ToString();
        return $"programmed {programmed} = {rate} mg/kg/h ({Text.MgPerHour(piece.MgPerHour)} mg/h) is above the {name} maximum {maximum} mg/kg/h";
    }
}
