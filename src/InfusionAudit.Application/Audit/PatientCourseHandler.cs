using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Protocols;
using InfusionAudit.Application.Ports.Sessions;

namespace InfusionAudit.Application.Audit;

/// <summary>
/// Assembles a patient's course from the session directory's patient rows (one range read: dates, protocol, weight,
/// prescribed and delivered dose) and each listed session's finding rows (one range read per session, no events).
/// </summary>
public sealed class PatientCourseHandler(ISessionDirectory directory, ISessionStore sessions, ProtocolLibrary protocols)
{
    /// <summary>At most this many sessions are listed (the latest): a course is a few dozen sessions.</summary>
    public const int MaxSessions = 200;

    private static readonly HashSet<string> CourseRules = new(StringComparer.Ordinal)
    {
        RuleIds.CourseFrequency, RuleIds.CourseCumulative, RuleIds.DoseEscalation, RuleIds.WeightChanged, RuleIds.WeightUnitsSuspect,
    };

    /// <summary>The course, or null when no session of this patient hash is known.</summary>
    public async Task<PatientCourse?> GetAsync(string patientHash, CancellationToken cancellationToken)
    {
        var rows = (await directory.PatientSessionsAsync(patientHash, cancellationToken))
            .OrderBy(r => r.StartedAt.UtcTicks).ThenBy(r => r.ClinicId, StringComparer.Ordinal).ThenBy(r => r.SessionId, StringComparer.Ordinal)
            .ToList();
        if (rows.Count == 0)
        {
            return null;
        }

        // Day 0 of a course is the first session of its protocol, also when that session is beyond the listed ones.
        var firstOf = rows.GroupBy(r => r.ProtocolId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().StartedAt, StringComparer.Ordinal);
        var listed = rows.Skip(Math.Max(0, rows.Count - MaxSessions)).ToList();
        var findings = await Task.WhenAll(listed.Select(r => sessions.LoadFindingsAsync(r.ClinicId, r.SessionId, cancellationToken)));
        var list = listed.Select((row, i) => Session(row, firstOf[row.ProtocolId], findings[i])).ToList();
        var courses = list.GroupBy(s => s.ProtocolId, StringComparer.Ordinal)
            .Select(g => new PatientCourseSummary(
                g.Key, firstOf[g.Key], g.Count(), g.Last().Phase, g.Sum(s => s.Findings.Count(f => CourseRules.Contains(f.RuleId)))))
            .OrderBy(c => c.FirstSessionAt)
            .ToList();
        return new PatientCourse(patientHash, list, rows.Count > listed.Count, courses);
    }

    private PatientCourseSession Session(PatientSessionRow row, DateTimeOffset courseStart, IReadOnlyList<SessionFindingRow> findings)
    {
        var protocol = protocols.Find(row.ProtocolId);
        var since = row.StartedAt - courseStart;
        var phase = protocol?.Course?.Induction is { } induction ? since < induction ? "induction" : "maintenance" : null;
        var fixedDose = protocol?.FixedDose is not null;
        return new PatientCourseSession(
            row.SessionId,
            row.ClinicId,
            row.StartedAt,
            row.ProtocolId,
            phase,
            since.TotalDays,
            row.WeightKg,
            fixedDose ? null : row.PrescribedMgPerKg,
            row.PrescribedMgPerKg * row.WeightKg,
            fixedDose ? null : row.DeliveredMgPerKg,
            row.DeliveredMgPerKg * row.WeightKg,
            row.EndedAt,
            [.. findings.Where(f => f.RetractedAt is null).OrderBy(f => f.DetectedAt).Select(f => new PatientCourseFinding(f.RuleId, f.Severity, f.DetectedAt, f.Evidence))]);
    }
}
