using InfusionAudit.Domain.Findings;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// <c>SESSION-OVERDUE</c> (timer): no <c>SessionEnded</c> by start + planned duration + <c>timing.overdueGraceMin</c>
/// (device time of <c>SessionStarted</c>; pauses do not extend it, the grace absorbs ordinary ones). Fires when
/// <c>asOf</c> is past that instant without an end, or when the end is dated past it, with the same key and detection time,
/// so the late end does not change the finding.
/// </summary>
internal sealed class SessionOverdueRule : ISessionRule
{
    public void Evaluate(RuleContext context)
    {
        if (context.Start?.PlannedDuration is not { } planned)
        {
            return;
        }

        var timeline = context.Timeline;
        var grace = context.Thresholds.Timing.OverdueGrace;
        var deadline = context.Entry(timeline.StartIndex).OccurredTicks + planned.Ticks + grace.Ticks;
        var overdue = timeline.EndIndex >= 0 ? context.Entry(timeline.EndIndex).OccurredTicks > deadline : context.AsOf.UtcTicks > deadline;
        if (!overdue)
        {
            return;
        }

        var due = Text.Instant(deadline);
        context.ReportTimer(
            RuleIds.SessionOverdue, Severity.Warning, context.Thresholds, "", due,
            $"no SessionEnded by {Text.Time(due)} (start + planned duration {Text.Duration(planned)} + {Text.Duration(grace)})",
            ("plannedDurationMin", planned.TotalMinutes), ("graceMin", grace.TotalMinutes));
    }
}
