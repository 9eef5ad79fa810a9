namespace InfusionAudit.Application.Ports.Audit;

/// <summary>One read of audit data: who, what, when, how much. Never holds a patient reference or its hash.</summary>
/// <param name="Caller">Key id (<c>auditor:1a2b3c4d</c>, a hash prefix, never the key) or principal (<c>entra:name</c>); <c>anonymous</c> when none was presented.</param>
/// <param name="Role">The role the request was served under, or null when authentication failed.</param>
/// <param name="Route">The route template, e.g. <c>/api/clinics/{clinicId}/findings</c>.</param>
/// <param name="Parameters">Route values and query parameters as a JSON object (long values cut).</param>
/// <param name="Status">The HTTP status answered.</param>
/// <param name="Rows">Rows (sessions, findings, events...) returned.</param>
public sealed record AccessLogRow(
    DateTimeOffset At,
    string Caller,
    string? Role,
    string Route,
    string Parameters,
    int Status,
    int Rows,
    string RequestId);
