using System.Text;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Sessions;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// <c>SEQ-GAP</c>: once the session has ended, a sequence number between the lowest and the highest received on one counter is
/// missing. Per device (catalogue v2) when the devices count on their own (see <see cref="SequenceGaps"/>): one finding per
/// device with a gap, keyed by its device id; one finding keyed <c>""</c> when the session's devices share one counter. The
/// evidence lists the gaps; a finding disappears when the late events fill them.
/// </summary>
internal sealed class SequenceGapRule : ISessionRule
{
    public void Evaluate(RuleContext context)
    {
        if (context.Timeline.EndIndex < 0)
        {
            return;
        }

        foreach (var counter in context.Gaps.Counters)
        {
            var text = new StringBuilder();
            if (counter.DeviceId is { } device)
            {
                text.Append("device ").Append(device).Append(": ");
            }

            text.Append(counter.MissingCount).Append(" sequence number(s) missing between ").Append(counter.Lowest)
                .Append(" and ").Append(counter.Highest).Append(": ");
            var listed = counter.Missing;
            for (var i = 0; i < listed.Count;)
            {
                var j = i;
                while (j + 1 < listed.Count && listed[j + 1] == listed[j] + 1)
                {
                    j++;
                }

                text.Append(i == 0 ? "" : ", ").Append(listed[i]);
                if (j > i)
                {
                    text.Append('–').Append(listed[j]);
                }

                i = j + 1;
            }

            if (counter.MissingCount > listed.Count)
            {
                text.Append(", …");
            }

            context.Report(
                RuleIds.SeqGap, Severity.Warning, context.Thresholds, counter.DeviceId ?? "", context.Timeline.EndIndex, text.ToString(),
                ("missingCount", counter.MissingCount), ("lowestSequence", counter.Lowest), ("highestSequence", counter.Highest));
        }
    }
}
