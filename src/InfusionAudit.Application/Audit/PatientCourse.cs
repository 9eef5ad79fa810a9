namespace InfusionAudit.Application.Audit;

/// <summary>
/// A patient's course of treatment (<c>GET /api/patients/{patientHash}/course</c>): every session of the patient the
/// identity scope links, oldest first, with its doses, its schedule phase and its active findings.
/// </summary>
/// <param name="PatientHash">The scoped patient hash asked for (as shown on the session document), never the clear reference.</param>
/// <param name="Sessions">The sessions, by start; at most <see cref="PatientCourseHandler.MaxSessions"/> (the latest).</param>
/// <param name="Truncated">True when the patient has more sessions than are listed (the earliest are left out).</param>
/// <param name="Courses">One summary per protocol: a course is the patient's sessions of one protocol id.</param>
public sealed record PatientCourse(
    string PatientHash,
    IReadOnlyList<PatientCourseSession> Sessions,
    bool Truncated,
    IReadOnlyList<PatientCourseSummary> Courses);
