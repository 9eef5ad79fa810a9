using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Protocols;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// <c>DURATION-HARD</c> / <c>DURATION-SOFT</c> against <c>durationMin.hard</c> / <c>.soft</c> (inclusive windows; only the
/// more severe fires). Key <c>planned</c>: the planned duration, at <c>SessionStarted</c>. Key <c>actual</c>: the running time
/// (pauses and rate-0 stops excluded), at <c>SessionEnded</c>; too short is judged only for a <c>completed</c> session (a stopped
/// one is short by design and has its own findings), too long for any end.
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
            Judge(context, protocol, limits, "planned", "planned duration", planned.Ticks, judgeShort: true, timeline.StartIndex);
        }

        if (timeline.EndIndex >= 0 && timeline.RateHistoryUntrusted)
        {
            // Running time measured between times that are not believed would judge a clock, not the infusion.
            context.NotEvaluated(RuleIds.DurationHard, "the running time cannot be measured: rate events have device times that are not believed (CLOCK-IMPLAUSIBLE)");
            context.NotEvaluated(RuleIds.DurationSoft, "the running time cannot be measured: rate events have device times that are not believed (CLOCK-IMPLAUSIBLE)");
        }
        else if (timeline.EndIndex >= 0)
        {
            Judge(
                context, protocol, limits, "actual", "running time", timeline.RunningTicks,
                judgeShort: timeline.EndReason == SessionEndReason.Completed, timeline.EndIndex);
        }
    }

    private static void Judge(
        RuleContext context, ProtocolDefinition protocol, DurationLimits limits, string key, string what, long ticks, bool judgeShort, int trigger)
    {
        var hard = limits.Hard;
        var soft = limits.Soft;
        var (ruleId, severity, window, name) =
            (judgeShort && ticks < hard.Min.Ticks) || ticks > hard.Max.Ticks ? (RuleIds.DurationHard, Severity.Critical, hard, "hard")
            : (judgeShort && ticks < soft.Min.Ticks) || ticks > soft.Max.Ticks ? (RuleIds.DurationSoft, Severity.Warning, soft, "soft")
            : (null, Severity.Info, soft, "");
        if (ruleId is null)
        {
            return;
        }

        context.Report(
            ruleId, severity, protocol, key, trigger,
            $"{what} {Text.Duration(ticks)} is outside the {name} window {Text.N(window.Min.TotalMinutes)}–{Text.N(window.Max.TotalMinutes)} min",
            ("durationMin", Text.Minutes(ticks)), ("windowMinMin", window.Min.TotalMinutes), ("windowMaxMin", window.Max.TotalMinutes));
    }
}
