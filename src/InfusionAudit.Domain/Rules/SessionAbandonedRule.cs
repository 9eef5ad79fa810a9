using InfusionAudit.Domain.Findings;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// <c>SESSION-ABANDONED</c> (timer): a session without <c>SessionEnded</c> from which nothing has been received for at least
/// <c>timing.abandonAfterHours</c> (default 24 h): <c>asOf</c> ≥ its latest receipt + that limit. Detected at that instant.
/// A session carrying it leaves the clock's list of open sessions, so a session that never ends stops costing work at
/// every tick. An event arriving later is judged on arrival; the session then is no longer abandoned (the finding is
/// withdrawn, kept with its retraction time) and the clock judges it again.
/// </summary>
internal sealed class SessionAbandonedRule : ISessionRule
{
    public void Evaluate(RuleContext context)
    {
        var timeline = context.Timeline;
        if (timeline.EndIndex >= 0)
        {
            return;
        }

        var lastReceived = long.MinValue;
        foreach (var entry in timeline.Entries)
        {
            lastReceived = Math.Max(lastReceived, entry.ReceivedTicks);
        }

        var limit = context.Thresholds.Timing.AbandonAfter;
        var deadline = lastReceived + limit.Ticks;
        if (timeline.Entries.Length == 0 || context.AsOf.UtcTicks < deadline)
        {
            return;
        }

        var detectedAt = Text.Instant(deadline);
        context.ReportTimer(
            RuleIds.SessionAbandoned, Severity.Warning, context.Thresholds, "", detectedAt,
            $"no SessionEnded and nothing received for {Text.Duration(limit)} since {Text.Time(Text.Instant(lastReceived))}; the clock stops judging the session until it sends again",
            ("limitHours", limit.TotalHours));
    }
}
