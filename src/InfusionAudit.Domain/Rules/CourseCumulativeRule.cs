using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Sessions;
using InfusionAudit.Domain.Units;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// <c>COURSE-CUMULATIVE</c> (catalogue v2, warning, key <c>""</c>, trigger the first <c>SessionEnded</c>): for a resolved
/// protocol with <c>course.maxMgPerKgPer7Days</c>, once the session has ended, its delivered mg/kg plus that of the patient's
/// ended sessions of the same protocol id that started at or before it and less than 7 days earlier is strictly more than
/// the limit (beyond the rounding tolerance). A window ending at each session's start holds every set of sessions that
/// fits in some 7 days, so judging at each session covers every rolling window; looking back only keeps it
/// order-independent across sessions. Judged at the end because the delivered dose is final only then. A session of the
/// window whose delivered dose is not known (still running, not computable, indexed before it was kept) leaves the rule
/// not evaluated, unless the known doses alone already pass the limit.
/// </summary>
internal sealed class CourseCumulativeRule : ISessionRule
{
    private static readonly long SevenDays = PatientHistory.CourseWindow.Ticks;

    public void Evaluate(RuleContext context)
    {
        var timeline = context.Timeline;
        if (context.Start is null || context.Protocol is not { Course.MaxMgPerKgPer7Days: { } limit } protocol || timeline.EndIndex < 0)
        {
            return;
        }

        var own = (timeline.InfusedMg + timeline.DiscreteMg) / (timeline.WeightKg ?? double.NaN);
        if (!double.IsFinite(own))
        {
            context.NotEvaluated(RuleIds.CourseCumulative, "this session's delivered mg/kg could not be computed");
            return;
        }

        var startedAt = context.Entry(timeline.StartIndex).OccurredTicks;
        var total = own;
        var sessions = 1;
        List<string>? unknown = null;
        foreach (var prior in context.History.Sessions)
        {
            var at = prior.StartedAt.UtcTicks;
            if (!string.Equals(prior.ProtocolId, protocol.Id, StringComparison.Ordinal)
                || string.Equals(prior.SessionId, context.SessionId, StringComparison.Ordinal) || at > startedAt || startedAt - at >= SevenDays)
            {
                continue;
            }

            if (prior.DeliveredMgPerKg is { } delivered && double.IsFinite(delivered))
            {
                total += delivered;
                sessions++;
            }
            else
            {
                (unknown ??= []).Add(prior.SessionId);
            }
        }

        if (!Tolerance.Greater(total, limit))
        {
            if (unknown is not null)
            {
                context.NotEvaluated(
                    RuleIds.CourseCumulative,
                    $"the delivered dose of session(s) {string.Join(", ", unknown)} in the 7 days up to this one is not known yet (running, not computable or not kept)");
            }

            return;
        }

        var partial = unknown is null ? "" : $"; {unknown.Count} more session(s) of the window with a dose not known yet";
        context.Report(
            RuleIds.CourseCumulative, Severity.Warning, protocol, "", timeline.EndIndex,
            Evidence(total, own, limit, sessions, protocol.Id, partial),
            ("deliveredMgPerKgIn7Days", total), ("sessionMgPerKg", own), ("sessionsIn7Days", sessions), ("maxMgPerKgPer7Days", limit));
    }

    private static string Evidence(double total, double own, double limit, int sessions, string protocolId, string partial)
    {
        var (totalText, limitText) = Text.Compared(total, limit, ShownPrecision.MgPerKg);
        return $"{totalText} mg/kg of {protocolId} delivered in {sessions} session(s) in the 7 days up to this one, this one {Text.MgPerKg(own)} mg/kg; at most {limitText} mg/kg{partial}";
    }
}
