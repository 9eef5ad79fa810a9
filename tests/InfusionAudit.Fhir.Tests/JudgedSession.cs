using System.Text.Json;
using System.Text.Json.Nodes;
using InfusionAudit.Application;
using InfusionAudit.Application.Audit;
using InfusionAudit.Application.Sessions;
using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Protocols;
using InfusionAudit.Domain.Sessions;
using InfusionAudit.Testing;

namespace InfusionAudit.Fhir.Tests;

/// <summary>
/// A scripted session judged by the real session engine against the repository's protocols, turned into the read
/// model the export maps (<see cref="SessionExport"/>) the way the session store and the query handler do: state as
/// stored, events as received (patient reference already a hash, as the intake stores it), findings in detection order.
/// </summary>
internal static class JudgedSession
{
    /// <summary>A patient hash in the stored format (scope clinic, key id k1).</summary>
    public const string PatientHash = "hmac-sha256:v1:clinic:k1:6f1c2e3d4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";

    private static readonly Lazy<ProtocolLibrary> Library = new(() => ProtocolLibrary.LoadFromDirectory(FindProtocols()));

    public static SessionScript Script(string clinic = "fhir-01", DateTimeOffset? start = null) =>
        new(clinicId: clinic) { Start = start ?? new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), PatientRef = PatientHash };

    public static SessionExport Judge(SessionScript script, IReadOnlyList<JsonObject> events, DateTimeOffset receivedAt, IReadOnlyList<SessionAlertDocument>? alerts = null)
    {
        var parsed = EventParser.Parse(SessionScript.Batch(events));
        var rejected = parsed.Events.Where(e => !e.IsAccepted).Select(e => e.Rejection!.Message).ToList();
        rejected.ShouldBeEmpty("the scripted events must pass the contract");
        var stored = parsed.Events.Select(e => new StoredEvent(e.Event!, receivedAt)).ToList();
        var evaluation = SessionEngine.Evaluate(stored, Library.Value, PatientHistory.Empty, receivedAt);

        var documents = parsed.Events
            .Select(e => e.Event!)
            .OrderBy(e => e.Sequence)
            .Select(e => new SessionEventDocument(e.EventId, e.Sequence, e.Type.ToString(), e.DeviceId, e.OccurredAt, receivedAt, Raw(parsed.Events.First(p => p.Event == e).RawJson)))
            .ToList();
        var findings = evaluation.Findings
            .OrderBy(f => f.DetectedAt).ThenBy(f => f.RuleId, StringComparer.Ordinal).ThenBy(f => f.EpisodeKey, StringComparer.Ordinal)
            .Select(f => new SessionFindingDocument(
                f.RuleId, JsonNamingPolicy.CamelCase.ConvertName(f.Severity.ToString()), f.EpisodeKey, f.ProtocolId, f.ProtocolVersion, f.Evidence,
                Raw(JsonSerializer.Serialize(f.EvidenceValues)), f.TriggerEventId, f.DetectedAt, null))
            .ToList();
        var document = new SessionDocument(
            script.SessionId, Raw(StoredSessionState.Serialize(evaluation.State)), documents, findings, documents.Count, null, findings.Count, null);
        return new SessionExport(script.ClinicId, document, alerts ?? []);
    }

    public static JsonElement Raw(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static string FindProtocols()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "protocols");
            if (File.Exists(Path.Combine(candidate, "protocol.schema.json")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("protocols/ not found above " + AppContext.BaseDirectory);
    }
}
