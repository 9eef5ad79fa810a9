using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Sessions;
using InfusionAudit.Domain.Units;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// <c>RATE-DEVIATION</c>: the programmed rate differs from the expected rate (prescribed mg ÷ planned duration, in mg/h) by
/// more than <c>rateDeviation.percent</c> % for more than <c>rateDeviation.forMoreThanMin</c> of running time. Running time at
/// deviating rates is counted contiguously: pauses and stops are not running time so they neither count nor interrupt, a
/// running stretch at a conforming rate ends the episode. The finding is keyed by the rate event that began the episode and
/// triggered by the first event after which the deviating running time is beyond the limit.
/// </summary>
internal sealed class RateDeviationRule : ISessionRule
{
    public void Evaluate(RuleContext context)
    {
        if (context.Protocol is not { RateDeviation: { } thresholds } protocol
            || context.Start?.PlannedDuration is not { } planned
            || planned <= TimeSpan.Zero
            || context.PrescribedMg is not { } prescribedMg)
        {
            return;
        }

        if (context.Timeline.RateHistoryUntrusted)
        {
            context.NotEvaluated(RuleIds.RateDeviation, "running time per rate cannot be measured: rate events have device times that are not believed (CLOCK-IMPLAUSIBLE)");
            return;
        }

        var expected = prescribedMg / planned.TotalHours;
        var limit = thresholds.ForMoreThan.Ticks;
        var entries = context.Timeline.Entries;
        var episodeStart = -1;
        long accumulated = 0;
        var fired = false;
        foreach (var piece in context.Timeline.Pieces)
        {
            var deviation = (piece.MgPerHour - expected) / expected * 100;
            if (double.IsNaN(deviation))
            {
                context.NotEvaluated(RuleIds.RateDeviation, "a programmed rate cannot be converted to mg/h (mL/h without concentration; DOSE-NOT-COMPUTABLE)");
            }

            if (!Tolerance.Greater(Math.Abs(deviation), thresholds.Percent))
            {
                episodeStart = -1;
                continue;
            }

            if (episodeStart < 0)
            {
                episodeStart = piece.RateEventIndex;
                accumulated = 0;
                fired = false;
            }

            var length = piece.To - piece.From;
            if (!fired && accumulated + length > limit)
            {
                var crossing = piece.From + (limit - accumulated);
                var trigger = piece.RateEventIndex;
                while (trigger < entries.Length - 1 && entries[trigger].OccurredTicks <= crossing)
                {
                    trigger++;
                }

                fired = true;
                context.Report(
                    RuleIds.RateDeviation, Severity.Warning, protocol, entries[episodeStart].Event.EventId, trigger,
                    Evidence(piece, expected, deviation, thresholds.Percent, thresholds.ForMoreThan),
                    ("rateMgPerHour", piece.MgPerHour), ("expectedMgPerHour", expected), ("deviationPercent", deviation),
                    ("limitPercent", thresholds.Percent));
            }

            accumulated += length;
        }
    }

    private static string Evidence(in RunPiece piece, double expected, double deviation, double limit, TimeSpan forMoreThan)
    {
        var (shown, limitText) = Text.Compared(Math.Abs(deviation), limit, ShownPrecision.Percent);
        var signed = deviation < 0 ? "-" + shown : Text.Signed(shown);
        return $"programmed {piece.Rate} = {Text.MgPerHour(piece.MgPerHour)} mg/h vs expected {Text.MgPerHour(expected)} mg/h ({signed} %, limit ±{limitText} %) for more than {Text.Duration(forMoreThan)} of running time";
    }
}
