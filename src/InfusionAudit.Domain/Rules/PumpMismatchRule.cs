using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Sessions;
using InfusionAudit.Domain.Units;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// <c>DOSE-PUMP-MISMATCH</c>: at a <c>PumpTotalReported</c>, |reported − computed from the rate history up to that instant| is
/// above max(<c>delivery.pumpMismatchMinMl</c>, <c>delivery.pumpMismatchPercent</c> % of computed). Consecutive mismatching
/// reports are one episode keyed by the first report's event id. A report whose device time is not believed
/// (<c>CLOCK-IMPLAUSIBLE</c>) is not compared (the computed volume at a wrong instant says nothing); when the computed volume is
/// unknown the rule is listed as not evaluated.
/// </summary>
internal sealed class PumpMismatchRule : ISessionRule
{
    public void Evaluate(RuleContext context)
    {
        if (context.Protocol is not { } protocol)
        {
            return;
        }

        var entries = context.Timeline.Entries;
        var computedAt = context.Timeline.InfusedMlAt;
        var minMl = protocol.Delivery.PumpMismatchMin.Millilitres;
        var percent = protocol.Delivery.PumpMismatchPercent;
        var inEpisode = false;
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i].Event.Payload is not PumpTotalReportedPayload pump || context.Timeline.ClockVerdicts[i] != ClockVerdict.Plausible)
            {
                continue;
            }

            if (double.IsNaN(computedAt[i]))
            {
                context.NotEvaluated(RuleIds.DosePumpMismatch, "the volume cannot be computed from the rate history (DOSE-NOT-COMPUTABLE)");
                continue;
            }

            var reported = pump.VolumeInfused.Millilitres;
            var computed = computedAt[i];
            var difference = Math.Abs(reported - computed);
            var allowed = Math.Max(minMl, computed * percent / 100);
            var mismatch = Tolerance.Greater(difference, allowed);
            if (mismatch && !inEpisode)
            {
                context.Report(
                    RuleIds.DosePumpMismatch, Severity.Warning, protocol, entries[i].Event.EventId, i,
                    Evidence(reported, computed, difference, allowed),
                    ("reportedMl", reported), ("computedMl", computed), ("differenceMl", difference), ("allowedMl", allowed));
            }

            inEpisode = mismatch;
        }
    }

    private static string Evidence(double reported, double computed, double difference, double allowed)
    {
        var (differenceText, allowedText) = Text.Compared(difference, allowed, ShownPrecision.Ml);
        return $"pump reports {Text.Ml(reported)} mL, the rate history gives {Text.Ml(computed)} mL (difference {differenceText} mL, allowed {allowedText} mL)";
    }
}
