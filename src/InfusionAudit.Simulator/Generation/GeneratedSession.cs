using InfusionAudit.Simulator.Contract;

namespace InfusionAudit.Simulator.Generation;

/// <summary>One simulated treatment session.</summary>
/// <param name="Index">1-based position in the day.</param>
/// <param name="SessionId">Envelope <c>sessionId</c>.</param>
/// <param name="Scenario">What was played.</param>
/// <param name="ProtocolId">Protocol of the session.</param>
/// <param name="Chair">Treatment chair (1-based); its devices recorded the session.</param>
/// <param name="StartedAt">Time of <c>SessionStarted</c>.</param>
/// <param name="EndedAt">
/// Time of the session's last event: the <c>PatientDischarged</c> (contract 1.1) when the patient was discharged after the
/// observation, else the <c>SessionEnded</c>.
/// </param>
/// <param name="Events">Everything the gateway forwards for this session, in forwarding order (<see cref="WireEvent.SendAt"/>).</param>
/// <param name="OtherSessionsOfPatient">The patient's other generated sessions (<see cref="Scenario.LaterSessionFirst"/>); null: none.</param>
public sealed record GeneratedSession(
    int Index,
    string SessionId,
    Scenario Scenario,
    string ProtocolId,
    int Chair,
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt,
    IReadOnlyList<WireEvent> Events,
    IReadOnlyList<PatientVisit>? OtherSessionsOfPatient = null)
{
    /// <summary>The session's own events, once each, whatever the transport did to them: sequences 0..n.</summary>
    public IEnumerable<WireEvent> RecordedEvents => Events.Where(e => e.Kind == WireEventKind.Original);
}
