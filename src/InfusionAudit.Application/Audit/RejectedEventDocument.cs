namespace InfusionAudit.Application.Audit;

/// <summary>Rejected input as listed for an auditor: what arrived, when, and which rule it broke.</summary>
/// <param name="RawText">The element as received, with every patient reference hash replaced by <c>hmac-sha256:redacted</c>.</param>
public sealed record RejectedEventDocument(
    DateTimeOffset ReceivedAt,
    string? SessionId,
    string? EventId,
    string Source,
    string MessageKey,
    int Index,
    string Field,
    string Rule,
    string Message,
    string RawText,
    bool Truncated);
