namespace InfusionAudit.Application.Audit;

/// <summary>One session of a patient's course.</summary>
/// <param name="Phase">
/// <c>induction</c> while the session starts within the protocol's <c>course.inductionDays</c> of the patient's first session
/// of the protocol, <c>maintenance</c> after it; null when the protocol has no induction (IV, SC) or is not known.
/// </param>
/// <param name="DayOfCourse">Days from the patient's first session of the same protocol to this one (0 for the first).</param>
/// <param name="PrescribedMgPerKg">Weight-based protocols only; fixed-dose protocols report <paramref name="PrescribedMg"/>.</param>
/// <param name="DeliveredMgPerKg">Once ended, weight-based protocols only; null while running or when not computable.</param>
/// <param name="EndedAt">The session's end; null while it runs (and for sessions that ended before course rows were kept).</param>
/// <param name="Findings">The session's active findings (retracted ones are left out), by detection time.</param>
public sealed record PatientCourseSession(
    string SessionId,
    string ClinicId,
    DateTimeOffset StartedAt,
    string ProtocolId,
    string? Phase,
    double DayOfCourse,
    double? WeightKg,
    double? PrescribedMgPerKg,
    double? PrescribedMg,
    double? DeliveredMgPerKg,
    double? DeliveredMg,
    DateTimeOffset? EndedAt,
    IReadOnlyList<PatientCourseFinding> Findings);
