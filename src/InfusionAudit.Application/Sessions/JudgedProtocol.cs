using System.Text.Json;
using InfusionAudit.Application.Ports.Sessions;

namespace InfusionAudit.Application.Sessions;

/// <summary>The protocol id and version a stored session was judged against, read from its stored state.</summary>
public sealed record JudgedProtocol(string? Id, int? Version)
{
    public static JudgedProtocol Of(SessionStateRow state)
    {
        using var document = JsonDocument.Parse(state.StateJson);
        var root = document.RootElement;
        var id = root.TryGetProperty("protocolId", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        int? version = root.TryGetProperty("protocolVersion", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;
        return new JudgedProtocol(id, version);
    }
}
