using System.Text;
using InfusionAudit.Domain.Findings;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// <c>SEQ-GAP</c>: once the session has ended, a sequence number between the lowest and the highest received is missing.
/// One finding per session (key <c>""</c>) whose evidence lists the gaps; it disappears when the late events fill them.
/// </summary>
internal sealed class SequenceGapRule : ISessionRule
{
    public void Evaluate(RuleContext context)
    {
        var gaps = context.Gaps;
        if (context.Timeline.EndIndex < 0 || gaps.MissingCount == 0)
        {
            return;
        }

        var text = new StringBuilder();
        var listed = gaps.Listed;
        for (var i = 0; i < listed.Count;)
        {
            var j = i;
            while (j + 1 < listed.Count && listed[j + 1] == listed[j] + 1)
            {
                j++;
            }

            text.Append(text.Length == 0 ? "" : ", ").Append(listed[i]);
            if (j > i)
            {
                text.Append('–').Append(listed[j]);
            }

            i = j + 1;
        }

        if (gaps.MissingCount > listed.Count)
        {
            text.Append(", …");
        }

        context.Report(
            RuleIds.SeqGap, Severity.Warning, context.Thresholds, "", context.Timeline.EndIndex,
            $"{gaps.MissingCount} sequence number(s) missing between {gaps.Lowest} and {gaps.Highest}: {text}",
            ("missingCount", gaps.MissingCount), ("lowestSequence", gaps.Lowest), ("highestSequence", gaps.Highest));
    }
}
