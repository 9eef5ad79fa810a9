using System.Text.Json;

namespace InfusionAudit.Application.Sessions;

/// <summary>The answer of <c>GET /api/sessions/{sessionId}</c>: state, events in sequence order, findings.</summary>
public sealed record SessionDocument(
    string SessionId,
    JsonElement State,
    IReadOnlyList<SessionEventDocument> Events,
    IReadOnlyList<SessionFindingDocument> Findings);
