using InfusionAudit.Domain.Findings;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// <c>PATIENT-INTERVAL</c>: another session of the same patient started less than <c>timing.patientIntervalHours</c> before
/// this one (at the same instant counts). One finding per earlier session; the later session carries it, so a pair is flagged once.
/// </summary>
internal sealed class PatientIntervalRule : ISessionRule
{
    public void Evaluate(RuleContext context)
    {
        if (context.Start is null)
        {
            return;
        }

        var startIndex = context.Timeline.StartIndex;
        var startedAt = context.Entry(startIndex).OccurredTicks;
        var interval = context.Thresholds.Timing.PatientInterval;
        foreach (var prior in context.History.Sessions)
        {
            if (string.Equals(prior.SessionId, context.SessionId, StringComparison.Ordinal))
            {
                continue;
            }

            var gap = startedAt - prior.StartedAt.UtcTicks;
            if (gap >= 0 && gap < interval.Ticks)
            {
                context.Report(
                    RuleIds.PatientInterval, Severity.Warning, context.Thresholds, prior.SessionId, startIndex,
                    $"the patient started session {prior.SessionId} ({prior.ProtocolId}) {Text.N((double)gap / TimeSpan.TicksPerHour)} h before this one (minimum {Text.N(interval.TotalHours)} h)",
                    ("intervalHours", (double)gap / TimeSpan.TicksPerHour), ("minimumHours", interval.TotalHours));
            }
        }
    }
}
