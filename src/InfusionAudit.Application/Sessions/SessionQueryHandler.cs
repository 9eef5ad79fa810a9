using System.Text.Json;
using InfusionAudit.Storage.Sessions;

namespace InfusionAudit.Application.Sessions;

/// <summary>Reads one session back: a single partition query.</summary>
public sealed class SessionQueryHandler(SessionRepository sessions)
{
    public async Task<SessionDocument?> GetAsync(string sessionId, CancellationToken cancellationToken)
    {
        var partition = await sessions.LoadAsync(sessionId, cancellationToken);
        if (partition.State is null)
        {
            return null;
        }

        var events = partition.Events
            .OrderBy(e => e.Sequence)
            .ThenBy(e => e.OccurredAt)
            .ThenBy(e => e.EventId, StringComparer.Ordinal)
            .Select(e => new SessionEventDocument(e.EventId, e.Sequence, e.Type, e.DeviceId, e.OccurredAt, e.ReceivedAt, Parse(e.RawJson)))
            .ToList();
        var findings = partition.Findings
            .OrderBy(f => f.DetectedAt)
            .ThenBy(f => f.RuleId, StringComparer.Ordinal)
            .Select(ToDocument)
            .ToList();
        return new SessionDocument(sessionId, Parse(partition.State.StateJson), events, findings);
    }

    public static SessionFindingDocument ToDocument(SessionFindingRow f) =>
        new(f.RuleId, f.Severity, f.EpisodeKey, f.ProtocolId, f.ProtocolVersion, f.Evidence, Parse(f.EvidenceValuesJson), f.TriggerEventId, f.DetectedAt, f.RetractedAt);

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
