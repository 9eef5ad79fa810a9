using System.Text.Json;
using InfusionAudit.Application.Ports.Sessions;

namespace InfusionAudit.Application.Sessions;

/// <summary>Reads one session back: a single partition query.</summary>
public sealed class SessionQueryHandler(ISessionStore sessions, ISessionDirectory directory)
{
    /// <summary>Events on one page of <c>GET /api/sessions/{id}</c> unless asked for fewer: a 4 h session at 1 Hz has 14,400.</summary>
    public const int DefaultEventsLimit = 1000;

    public const int MaxEventsLimit = 5000;

    /// <summary>Findings on one page unless asked for fewer: one per finding episode, so a session of alternating 1 Hz readings has thousands.</summary>
    public const int DefaultFindingsLimit = PositionPage.DefaultLimit;

    public const int MaxFindingsLimit = PositionPage.MaxLimit;

    /// <summary>The whole session, every event included, when exactly one clinic holds a session with this id.</summary>
    /// <exception cref="InvalidOperationException">Several clinics hold a session with this id.</exception>
    public async Task<SessionDocument?> GetAsync(string sessionId, CancellationToken cancellationToken)
    {
        var clinics = await ClinicsOfAsync(sessionId, cancellationToken);
        return clinics.Count switch
        {
            0 => null,
            1 => await GetAsync(clinics[0], sessionId, 0, int.MaxValue, cancellationToken, 0, int.MaxValue),
            _ => throw new InvalidOperationException($"Clinics {string.Join(", ", clinics)} each hold a session {sessionId}; name the clinic."),
        };
    }

    /// <summary>The clinics that hold a session with this id: a read that names no clinic is answered only when there is one.</summary>
    public Task<IReadOnlyList<string>> ClinicsOfAsync(string sessionId, CancellationToken cancellationToken) =>
        directory.ClinicsOfAsync(sessionId, cancellationToken);

    /// <summary>
    /// The session with the events from sequence <paramref name="eventsFrom"/> on, about <paramref name="eventsLimit"/> of them,
    /// and the findings from position <paramref name="findingsFrom"/> (in detection order), at most <paramref name="findingsLimit"/>.
    /// </summary>
    public async Task<SessionDocument?> GetAsync(
        string clinicId,
        string sessionId,
        long eventsFrom,
        int eventsLimit,
        CancellationToken cancellationToken,
        int findingsFrom = 0,
        int findingsLimit = DefaultFindingsLimit)
    {
        var partition = await sessions.LoadAsync(clinicId, sessionId, cancellationToken);
        if (partition.State is null)
        {
            return null;
        }

        var ordered = partition.Events
            .Where(e => e.Sequence >= eventsFrom)
            .OrderBy(e => e.Sequence)
            .ThenBy(e => e.OccurredAt)
            .ThenBy(e => e.EventId, StringComparer.Ordinal)
            .ToList();
        var taken = Math.Min(ordered.Count, eventsLimit);
        while (taken > 0 && taken < ordered.Count && ordered[taken].Sequence == ordered[taken - 1].Sequence)
        {
            taken++;
        }

        long? next = taken < ordered.Count ? ordered[taken].Sequence : null;
        var events = ordered
            .Take(taken)
            .Select(e => new SessionEventDocument(e.EventId, e.Sequence, e.Type, e.DeviceId, e.OccurredAt, e.ReceivedAt, Parse(e.RawJson)))
            .ToList();
        var (findings, nextFindings) = PositionPage.Take(InDetectionOrder(partition.Findings), findingsFrom, findingsLimit);
        return new SessionDocument(
            sessionId, Parse(partition.State.StateJson), events, [.. findings.Select(ToDocument)], partition.Events.Count, next, partition.Findings.Count, nextFindings);
    }

    /// <summary>Findings as both session answers list them: by detection, then rule and episode (a total order, so positions are stable).</summary>
    public static IReadOnlyList<SessionFindingRow> InDetectionOrder(IEnumerable<SessionFindingRow> findings) =>
        [.. findings.OrderBy(f => f.DetectedAt).ThenBy(f => f.RuleId, StringComparer.Ordinal).ThenBy(f => f.EpisodeKey, StringComparer.Ordinal)];

    public static SessionFindingDocument ToDocument(SessionFindingRow f) =>
        new(f.RuleId, f.Severity, f.EpisodeKey, f.ProtocolId, f.ProtocolVersion, f.Evidence, Parse(f.EvidenceValuesJson), f.TriggerEventId, f.DetectedAt, f.RetractedAt);

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
