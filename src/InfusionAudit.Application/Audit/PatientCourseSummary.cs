namespace InfusionAudit.Application.Audit;

/// <summary>A patient's sessions of one protocol.</summary>
/// <param name="FirstSessionAt">The start of the patient's first session of the protocol (the course's day 0).</param>
/// <param name="Phase">The phase of the latest session (see <see cref="PatientCourseSession.Phase"/>).</param>
/// <param name="CourseFindings">Active <c>COURSE-*</c>, <c>DOSE-ESCALATION</c> and <c>WEIGHT-*</c> findings of the listed sessions.</param>
public sealed record PatientCourseSummary(
    string ProtocolId,
    DateTimeOffset FirstSessionAt,
    int Sessions,
    string? Phase,
    int CourseFindings);
