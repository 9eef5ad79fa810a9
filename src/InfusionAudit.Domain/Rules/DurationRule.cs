using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Protocols;
using InfusionAudit.Domain.Units;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// <c>DURATION-HARD</c> / <c>DURATION-SOFT</c> against <c>durationMin.hard</c> / <c>.soft</c> (inclusive windows; only the
/// more severe fires per key). Key <c>planned</c>: the planned duration, at <c>SessionStarted</c>. Key <c>actual</c>: the
/// running time (pauses and rate-0 stops excluded), whatever the end reason (catalogue v2). It is judged, too short and too
/// long, live at the first event (up to the end) after which the pump is not running and the delivered dose is at least
/// <c>delivery.underDeliveryBelowPercent</c> % of the prescription: 100 % when the pump stands in a pause (a pause means to
/// resume); at the end itself an unknown delivered dose counts as delivered. Unless that fired, too long is judged at
/// <c>SessionEnded</c> on the whole running time.
/// </summary>
internal sealed class DurationRule : ISessionRule
{
    public void Evaluate(RuleContext context)
    {
        if (context.Protocol is not { Duration: { } limits } protocol || context.Start is not { } start)
        {
            return;
        }

        var timeline = context.Timeline;
        if (start.PlannedDuration is { } planned)
        {
            Judge(context, protocol, limits, "planned", $"planned duration {Text.Duration(planned.Ticks)}", planned.Ticks, judgeShort: true, timeline.StartIndex);
        }

        if (timeline.RateHistoryUntrusted)
        {
            // Running time measured between times that are not believed would judge a clock, not the infusion: neither at a
            // stop nor at the end.
            if (timeline.EndIndex >= 0)
            {
                context.NotEvaluated(RuleIds.DurationHard, "the running time cannot be measured: rate events have device times that are not believed (CLOCK-IMPLAUSIBLE)");
                context.NotEvaluated(RuleIds.DurationSoft, "the running time cannot be measured: rate events have device times that are not believed (CLOCK-IMPLAUSIBLE)");
            }

            return;
        }

        if (context.PrescribedMg is { } prescribedMg && JudgeShort(context, protocol, limits, prescribedMg))
        {
            return;
        }

        if (timeline.EndIndex >= 0)
        {
            Judge(
                context, protocol, limits, "actual", $"running time {Text.Duration(timeline.RunningTicks)}", timeline.RunningTicks,
                judgeShort: false, timeline.EndIndex);
        }
    }

    /// <summary>Judges the running time at the first stop with (nearly) the whole dose given; true when a finding fired.</summary>
    private static bool JudgeShort(RuleContext context, ProtocolDefinition protocol, DurationLimits limits, double prescribedMg)
    {
        var timeline = context.Timeline;
        var delivered = timeline.DeliveredMgAfter;
        var infusing = timeline.InfusingAfter;
        var pieces = timeline.Pieces;
        var pauses = timeline.Pauses;
        var nearlyAll = prescribedMg * protocol.Delivery.UnderDeliveryBelowPercent / 100;
        var last = timeline.EndIndex >= 0 ? timeline.EndIndex : delivered.Length - 1;
        long running = 0;
        var piece = 0;
        var pause = 0;
        for (var i = 0; i <= last; i++)
        {
            // Pieces close in timeline order; once the pump stands still every piece begun so far is closed.
            while (piece < pieces.Count && pieces[piece].EndIndex >= 0 && pieces[piece].EndIndex <= i)
            {
                running += pieces[piece].To - pieces[piece].From;
                piece++;
            }

            while (pause < pauses.Count && pauses[pause].EndIndex >= 0 && pauses[pause].EndIndex <= i)
            {
                pause++;
            }

            if (infusing[i])
            {
                continue;
            }

            var paused = pause < pauses.Count && pauses[pause].StartIndex <= i;
            var mg = delivered[i];
            var known = !double.IsNaN(mg);
            var enough = known ? !Tolerance.Less(mg, paused ? prescribedMg : nearlyAll) : i == timeline.EndIndex;
            if (!enough)
            {
                continue;
            }

            var share = known ? $"{Text.Pct(mg / prescribedMg * 100)} % of the prescribed dose delivered" : "the delivered dose unknown";
            return Judge(
                context, protocol, limits, "actual", $"running time {Text.Duration(running)} with {share}", running, judgeShort: true, i,
                known ? mg / prescribedMg * 100 : double.NaN);
        }

        return false;
    }

    private static bool Judge(
        RuleContext context,
        ProtocolDefinition protocol,
        DurationLimits limits,
        string key,
        string what,
        long ticks,
        bool judgeShort,
        int trigger,
        double deliveredPercent = double.NaN)
    {
        var hard = limits.Hard;
        var soft = limits.Soft;
        var (ruleId, severity, window, name) =
            (judgeShort && ticks < hard.Min.Ticks) || ticks > hard.Max.Ticks ? (RuleIds.DurationHard, Severity.Critical, hard, "hard")
            : (judgeShort && ticks < soft.Min.Ticks) || ticks > soft.Max.Ticks ? (RuleIds.DurationSoft, Severity.Warning, soft, "soft")
            : (null, Severity.Info, soft, "");
        if (ruleId is null)
        {
            return false;
        }

        context.Report(
            ruleId, severity, protocol, key, trigger,
            $"{what} is outside the {name} window {Text.Number(window.Min.TotalMinutes, ShownPrecision.Minutes)}–{Text.Number(window.Max.TotalMinutes, ShownPrecision.Minutes)} min",
            ("durationMin", Text.Minutes(ticks)), ("windowMinMin", window.Min.TotalMinutes), ("windowMaxMin", window.Max.TotalMinutes),
            ("deliveredPercent", deliveredPercent));
        return true;
    }
}
