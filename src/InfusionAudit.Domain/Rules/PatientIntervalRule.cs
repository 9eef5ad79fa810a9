using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Units;

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
                    Evidence(prior.SessionId, prior.ProtocolId, (double)gap / TimeSpan.TicksPerHour, interval.TotalHours),
                    ("intervalHours", (double)gap / TimeSpan.TicksPerHour), ("minimumHours", interval.TotalHours));
            }
        }
    }

    private static string Evidence(string priorSessionId, string priorProtocolId, double hours, double minimumHours)
    {
        var (gap, minimum) = Text.Compared(hours, minimumHours, ShownPrecision.Hours);
        return $"the patient started session {priorSessionId} ({priorProtocolId}) {gap} h before this one (minimum {minimum} h)";
    }
}
