namespace InfusionAudit.Application.Diagnostics;

/// <summary>One line of the readiness body: <c>ok</c> or <c>failed</c> with a short reason, and how long it took.</summary>
public sealed record ReadinessCheck(string Name, string Status, long DurationMs, string? Error);
