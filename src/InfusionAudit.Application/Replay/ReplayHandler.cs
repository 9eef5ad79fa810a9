using System.Text.Json;
using InfusionAudit.Application.Sessions;
using InfusionAudit.Domain.Protocols;
using InfusionAudit.Domain.Sessions;
using InfusionAudit.Application.Ports.Sessions;

namespace InfusionAudit.Application.Replay;

/// <summary>Re-judges a stored session's events against a protocol version and compares with the stored findings. Writes nothing.</summary>
public sealed class ReplayHandler(ISessionStore sessions, ProtocolLibrary protocols)
{
    /// <returns>The report, or null when the session is unknown.</returns>
    /// <exception cref="ArgumentException">The protocol version does not exist for the session's protocol.</exception>
    public async Task<ReplayReport?> ReplayAsync(string clinicId, string sessionId, int? protocolVersion, CancellationToken cancellationToken)
    {
        var partition = await sessions.LoadAsync(clinicId, sessionId, cancellationToken);
        if (partition.State is null)
        {
            return null;
        }

        var (protocolId, storedVersion) = JudgedProtocol.Of(partition.State);
        if (protocolVersion is { } wanted && (protocolId is null || protocols.Find(protocolId, wanted) is null))
        {
            throw new ArgumentException($"Protocol {protocolId ?? "(none)"} has no version {wanted}.", nameof(protocolVersion));
        }

        var history = partition.State.PatientHistoryJson is { } json
            ? JsonSerializer.Deserialize<PatientHistory>(json, JsonDefaults.Options) ?? PatientHistory.Empty
            : PatientHistory.Empty;
        var asOf = partition.State.UpdatedAt;
        var events = StoredEventRows.Parse(partition.Events);
        var evaluation = SessionEngine.Evaluate(events, protocols, history, asOf, protocolVersion ?? storedVersion);

        var stored = partition.Findings.Where(f => f.RetractedAt is null).ToDictionary(f => (f.RuleId, f.EpisodeKey));
        var replayed = evaluation.Findings.Select(FindingDiff.ToRow).ToDictionary(f => (f.RuleId, f.EpisodeKey));
        var unchanged = new List<SessionFindingDocument>();
        var changed = new List<ReplayedChange>();
        var added = new List<SessionFindingDocument>();
        foreach (var (key, row) in replayed)
        {
            if (!stored.TryGetValue(key, out var before))
            {
                added.Add(SessionQueryHandler.ToDocument(row));
            }
            else if (before with { RetractedAt = null } == row)
            {
                unchanged.Add(SessionQueryHandler.ToDocument(row));
            }
            else
            {
                changed.Add(new ReplayedChange(SessionQueryHandler.ToDocument(before), SessionQueryHandler.ToDocument(row)));
            }
        }

        var removed = stored.Where(s => !replayed.ContainsKey(s.Key)).Select(s => SessionQueryHandler.ToDocument(s.Value)).ToList();
        return new ReplayReport(
            sessionId,
            protocolId,
            storedVersion,
            evaluation.State.ProtocolVersion,
            asOf,
            added.Count == 0 && removed.Count == 0 && changed.Count == 0,
            unchanged,
            added,
            removed,
            changed);
    }
}
