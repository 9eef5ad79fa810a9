using InfusionAudit.Domain.Contract;

namespace InfusionAudit.Domain.Sessions;

/// <summary>
/// The decisions taken when events arrive for a session, before it is judged: whether a producer may write for the
/// event's clinic, which session an event belongs to, whether each event is new, a duplicate or a reused event id,
/// and which protocol version a stored session stays judged against. Pure: the write path reads and stores, this decides.
/// </summary>
public static class SessionIntake
{
    /// <summary>Rejection rule of an event whose id is taken by a different event of the same session.</summary>
    public const string EventIdReused = "event-id-reused";

    /// <summary>Rejection rule of an event for a clinic its producer is not bound to.</summary>
    public const string ClinicNotAllowed = "clinic-not-allowed";

    /// <summary>
    /// The session an event belongs to. A session is a clinic's session id: the same id at two clinics is two sessions.
    /// </summary>
    public static (string ClinicId, string SessionId) SessionOf(DeviceEvent deviceEvent)
    {
        ArgumentNullException.ThrowIfNull(deviceEvent);
        return (deviceEvent.ClinicId, deviceEvent.SessionId);
    }

    /// <summary>
    /// Null when a producer bound to <paramref name="allowedClinics"/> (null: bound to none, so any clinic) may write
    /// <paramref name="deviceEvent"/>; else the rejection that keeps the event out while the rest of its message goes on.
    /// </summary>
    public static EventRejection? CheckClinic(DeviceEvent deviceEvent, IReadOnlySet<string>? allowedClinics)
    {
        ArgumentNullException.ThrowIfNull(deviceEvent);
        if (allowedClinics is null || allowedClinics.Contains(deviceEvent.ClinicId))
        {
            return null;
        }

        return new EventRejection(
            deviceEvent.EventId,
            "clinicId",
            ClinicNotAllowed,
            $"This producer may write only for clinic(s) {string.Join(", ", allowedClinics.Order(StringComparer.Ordinal))}; the event is for clinic {deviceEvent.ClinicId}.");
    }

    /// <summary>
    /// Sorts the incoming events of one session, in message order, against what is stored. An event id is an
    /// idempotency key: the same event again is a duplicate, a different event under a known id is refused.
    /// </summary>
    /// <param name="incoming">The session's events of one message, in message order.</param>
    /// <param name="stored">The stored events of the session, by event id.</param>
    /// <param name="storedBeforeThisWrite">Ids stored before this write began; a stored id not among them was stored by an earlier attempt of it.</param>
    /// <returns>One verdict per incoming event, in the same order.</returns>
    public static IntakeVerdict[] Classify(
        IReadOnlyList<DeviceEvent> incoming,
        IReadOnlyDictionary<string, StoredEvent> stored,
        IReadOnlySet<string> storedBeforeThisWrite)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(storedBeforeThisWrite);
        var verdicts = new IntakeVerdict[incoming.Count];
        var inThisMessage = new Dictionary<string, DeviceEvent>(StringComparer.Ordinal);
        for (var i = 0; i < incoming.Count; i++)
        {
            var e = incoming[i];
            var storedEvent = stored.GetValueOrDefault(e.EventId);
            if ((storedEvent?.Event ?? inThisMessage.GetValueOrDefault(e.EventId)) is { } known)
            {
                verdicts[i] = known != e ? IntakeVerdict.EventIdReused
                    : storedEvent is not null && !storedBeforeThisWrite.Contains(e.EventId) ? IntakeVerdict.StoredByThisWrite
                    : IntakeVerdict.Duplicate;
            }
            else
            {
                inThisMessage[e.EventId] = e;
                verdicts[i] = IntakeVerdict.New;
            }
        }

        return verdicts;
    }

    /// <summary>The rejection of an event classified <see cref="IntakeVerdict.EventIdReused"/>.</summary>
    public static EventRejection EventIdReusedRejection(DeviceEvent deviceEvent)
    {
        ArgumentNullException.ThrowIfNull(deviceEvent);
        return new EventRejection(
            deviceEvent.EventId,
            "eventId",
            EventIdReused,
            $"Event id {deviceEvent.EventId} was already used for a different event of session {deviceEvent.SessionId}; event ids are idempotency keys and must not be reused.");
    }

    /// <summary>
    /// The protocol version a session is judged against, or null for the latest. A session stays judged against the
    /// version it was first judged against, so a clinic publishing a new version mid-session does not change the rules
    /// under a running infusion; a new session (nothing judged yet) or one whose start now names another protocol takes the latest.
    /// </summary>
    /// <param name="judgedProtocolId">The protocol the stored session was judged against, null if none (or never judged).</param>
    /// <param name="judgedVersion">Its version, null if none.</param>
    /// <param name="events">The session's events.</param>
    public static int? PinnedProtocolVersion(string? judgedProtocolId, int? judgedVersion, IEnumerable<StoredEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (judgedProtocolId is null || judgedVersion is not { } version)
        {
            return null;
        }

        var currentProtocol = events.Select(e => e.Event.Payload).OfType<SessionStartedPayload>().Select(p => p.ProtocolId).FirstOrDefault();
        return currentProtocol == judgedProtocolId ? version : null;
    }
}
