using System.Text.Json;

namespace InfusionAudit.Application.Audit;

/// <summary>One audit read as an administrator sees it in the access log.</summary>
public sealed record AccessLogEntryDocument(
    DateTimeOffset At,
    string Caller,
    string? Role,
    string Route,
    JsonElement Parameters,
    int Status,
    int Rows,
    string RequestId);
