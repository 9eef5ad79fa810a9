using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Sessions;
using InfusionAudit.Domain.Units;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// Course of treatment (catalogue v2), for a resolved protocol with a <c>course</c> section; the patient's sessions of the
/// same protocol id in <c>PatientHistory</c>, looking back only (order-independent across sessions). All live, trigger
/// <c>SessionStarted</c>, warning.
/// <c>COURSE-FREQUENCY</c> (key <c>""</c>): this session and the patient's sessions of the protocol started at or before it
/// and less than 7 days earlier are more than the limit: <c>course.inductionMaxSessionsPer7Days</c> while this session
/// starts less than <c>course.inductionDays</c> after the patient's first session of the protocol, else
/// <c>course.maxSessionsPer7Days</c>, counting only sessions started after the induction (the label's last induction week
/// is followed by the first weekly session less than 7 days later).
/// <c>DOSE-ESCALATION</c>: the prescribed mg/kg is more than <c>course.maxStepMgPerKg</c> above that of the previous session of
/// the protocol (the latest started strictly before; key its session id; its prescription unknown: not evaluated); or, with
/// <c>course.firstSessionMaxMg</c>, the first session of the protocol prescribes more than it and the patient is not of
/// the elderly age (or the age is unknown; key <c>first-session</c>).
/// </summary>
internal sealed class CourseRule : ISessionRule
{
    private static readonly long SevenDays = TimeSpan.FromDays(7).Ticks;

    public void Evaluate(RuleContext context)
    {
        if (context.Start is not { } start || context.Protocol is not { Course: { } course } protocol)
        {
            return;
        }

        var startIndex = context.Timeline.StartIndex;
        var startedAt = context.Entry(startIndex).OccurredTicks;
        var courseStart = startedAt;
        PriorSession? previous = null;
        foreach (var prior in context.History.Sessions)
        {
            var at = prior.StartedAt.UtcTicks;
            if (!Counts(prior, context.SessionId, protocol.Id, startedAt))
            {
                continue;
            }

            courseStart = Math.Min(courseStart, at);
            if (at < startedAt && (previous is null || at > previous.StartedAt.UtcTicks
                || (at == previous.StartedAt.UtcTicks && string.CompareOrdinal(prior.SessionId, previous.SessionId) > 0)))
            {
                previous = prior;
            }
        }

        var inInduction = course.Induction is { } induction && startedAt - courseStart < induction.Ticks;

        // After the induction, its sessions do not count against the weekly limit: the label's week 4 (two sessions)
        // is followed by the first weekly session on day 28, less than 7 days after the last induction session.
        var windowFrom = Math.Max(startedAt - SevenDays, course.Induction is { } length && !inInduction ? courseStart + length.Ticks - 1 : long.MinValue);
        var inWindow = 1;
        foreach (var prior in context.History.Sessions)
        {
            inWindow += Counts(prior, context.SessionId, protocol.Id, startedAt) && prior.StartedAt.UtcTicks > windowFrom ? 1 : 0;
        }

        var limit = inInduction ? course.InductionMaxSessionsPer7Days : course.MaxSessionsPer7Days;
        if (limit is { } most && inWindow > most)
        {
            var phase = course.Induction is null ? "" : inInduction ? " (induction)" : " (after the induction)";
            context.Report(
                RuleIds.CourseFrequency, Severity.Warning, protocol, "", startIndex,
                $"{inWindow} sessions of {protocol.Id} in the 7 days up to this one; at most {most}{phase}",
                ("sessionsIn7Days", inWindow), ("maxSessionsPer7Days", most), ("daysSinceCourseStart", (double)(startedAt - courseStart) / TimeSpan.TicksPerDay));
        }

        Escalation(context, protocol, course, start.PatientAgeYears, previous, startIndex);
    }

    // A session of the protocol, other than this one, started at or before it.
    private static bool Counts(PriorSession prior, string sessionId, string protocolId, long startedAt) =>
        string.Equals(prior.ProtocolId, protocolId, StringComparison.Ordinal)
        && !string.Equals(prior.SessionId, sessionId, StringComparison.Ordinal) && prior.StartedAt.UtcTicks <= startedAt;

    private static void Escalation(
        RuleContext context, Protocols.ProtocolDefinition protocol, Protocols.CourseLimits course, int? ageYears, PriorSession? previous, int startIndex)
    {
        if (course.MaxStepMgPerKg is { } step && previous is not null && context.PrescribedMgPerKg is { } now)
        {
            if (previous.PrescribedMgPerKg is not { } before)
            {
                context.NotEvaluated(RuleIds.DoseEscalation, $"the prescription of the previous session {previous.SessionId} is not known (indexed before prescriptions were kept)");
            }
            else if (Tolerance.Greater(now - before, step))
            {
                context.Report(
                    RuleIds.DoseEscalation, Severity.Warning, protocol, previous.SessionId, startIndex,
                    StepEvidence(now, before, step, previous.SessionId),
                    ("prescribedMgPerKg", now), ("previousMgPerKg", before), ("maxStepMgPerKg", step));
            }
        }

        var elderly = protocol.Elderly is { } e && ageYears is { } age && age >= e.AgeYearsAtLeast;
        if (course.FirstSessionMaxMg is { } firstMax && previous is null && !elderly && context.PrescribedMg is { } mg && Tolerance.Greater(mg, firstMax))
        {
            context.Report(
                RuleIds.DoseEscalation, Severity.Warning, protocol, "first-session", startIndex,
                FirstSessionEvidence(mg, firstMax, protocol.Id),
                ("prescribedMg", mg), ("firstSessionMaxMg", firstMax));
        }
    }

    private static string StepEvidence(double now, double before, double step, string previousSessionId)
    {
        var (stepText, largest) = Text.Compared(now - before, step, ShownPrecision.MgPerKg);
        var digits = Math.Max(ShownPrecision.MgPerKg, Text.Decimals(now - before, step, ShownPrecision.MgPerKg));
        return $"prescribed {Text.Number(now, digits)} mg/kg, {stepText} mg/kg above the {Text.Number(before, digits)} mg/kg of session {previousSessionId} (largest step {largest} mg/kg)";
    }

    private static string FirstSessionEvidence(double mg, double firstMax, string protocolId)
    {
        var (shown, most) = Text.Compared(mg, firstMax, ShownPrecision.Mg);
        return $"prescribed {shown} mg on the patient's first session of {protocolId} (at most {most} mg)";
    }
}
