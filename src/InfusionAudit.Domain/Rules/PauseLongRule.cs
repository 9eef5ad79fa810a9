using InfusionAudit.Domain.Findings;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// <c>PAUSE-LONG</c>: a pause (from <c>InfusionPaused</c> to the resume, rate change or end) longer than
/// <c>timing.pauseLongAboveMin</c>. Found live: the trigger is the first event dated beyond the limit while the pause lasts
/// (any event, e.g. a vitals reading, shows it); key = the pause event id.
/// </summary>
internal sealed class PauseLongRule : ISessionRule
{
    public void Evaluate(RuleContext context)
    {
        var limit = context.Thresholds.Timing.PauseLongAbove.Ticks;
        var entries = context.Timeline.Entries;
        foreach (var pause in context.Timeline.Pauses)
        {
            var deadline = pause.From + limit;
            var last = pause.EndIndex >= 0 ? pause.EndIndex : entries.Length - 1;
            for (var i = pause.StartIndex + 1; i <= last; i++)
            {
                if (entries[i].OccurredTicks <= deadline)
                {
                    continue;
                }

                var open = pause.EndIndex < 0;
                var length = (open ? entries[i].OccurredTicks : pause.To) - pause.From;
                context.Report(
                    RuleIds.PauseLong, Severity.Warning, context.Thresholds, entries[pause.StartIndex].Event.EventId, i,
                    open
                        ? $"infusion paused for {Text.Duration(length)} so far (limit {Text.Duration(limit)})"
                        : $"infusion paused for {Text.Duration(length)} (limit {Text.Duration(limit)})",
                    ("pauseMin", Text.Minutes(length)), ("limitMin", Text.Minutes(limit)));
                break;
            }
        }
    }
}
