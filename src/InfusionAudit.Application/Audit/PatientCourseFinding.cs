namespace InfusionAudit.Application.Audit;

/// <summary>An active finding of a session of a patient's course.</summary>
public sealed record PatientCourseFinding(string RuleId, string Severity, DateTimeOffset DetectedAt, string Evidence);
