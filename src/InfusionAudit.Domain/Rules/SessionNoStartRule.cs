using InfusionAudit.Domain.Findings;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// <c>SESSION-NO-START</c> (timer): <c>SessionStarted</c> not received within <c>timing.noStartAboveMin</c> of the session's
/// first receipt. Judged on receive times: while it is missing against <c>asOf</c>, once it arrived against its own receipt,
/// so the finding survives the late arrival unchanged.
/// </summary>
internal sealed class SessionNoStartRule : ISessionRule
{
    public void Evaluate(RuleContext context)
    {
        var timeline = context.Timeline;
        var limit = context.Thresholds.Timing.NoStartAbove;
        var deadline = timeline.FirstReceivedTicks + limit.Ticks;
        var startReceived = timeline.StartIndex >= 0 ? context.Entry(timeline.StartIndex).ReceivedTicks : (long?)null;
        var late = startReceived is { } received ? received > deadline : context.AsOf.UtcTicks > deadline;
        if (!late)
        {
            return;
        }

        var detectedAt = Text.Instant(deadline);
        var evidence =
            $"no SessionStarted within {Text.Duration(limit)} of the session's first event (received {Text.Time(Text.Instant(timeline.FirstReceivedTicks))})";
        context.ReportTimer(
            RuleIds.SessionNoStart, Severity.Warning, context.Thresholds, "", detectedAt, evidence,
            ("limitMin", limit.TotalMinutes));
    }
}
