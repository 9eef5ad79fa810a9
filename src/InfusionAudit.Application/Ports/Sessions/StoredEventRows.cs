using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Sessions;

namespace InfusionAudit.Application.Ports.Sessions;

/// <summary>Stored event rows as the session engine reads them.</summary>
public static class StoredEventRows
{
    /// <summary>A session's events by event id, parsed from their rows.</summary>
    /// <exception cref="InvalidOperationException">A stored event no longer passes the contract.</exception>
    public static Dictionary<string, StoredEvent> ByEventId(IReadOnlyList<SessionEventRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var events = new Dictionary<string, StoredEvent>(rows.Count, StringComparer.Ordinal);
        foreach (var row in rows)
        {
            events[row.EventId] = Parse(row, null);
        }

        return events;
    }

    /// <summary>
    /// The event a row stores, with the time it was received. With <paramref name="strings"/>, the ids every event of the
    /// session repeats (session, clinic, device) are one string each instead of one per event.
    /// </summary>
    /// <exception cref="InvalidOperationException">The stored text no longer passes the contract.</exception>
    public static StoredEvent Parse(SessionEventRow row, SharedStrings? strings)
    {
        ArgumentNullException.ThrowIfNull(row);
        var parsed = EventParser.Parse(row.RawJson);
        var deviceEvent = parsed.Events.Count == 1 ? parsed.Events[0].Event : null;

        // A stored event was accepted by this contract version; if it no longer parses, judging the session without it
        // would silently change an audit result, so stop and let the message go to poison.
        if (deviceEvent is null)
        {
            throw new InvalidOperationException(
                $"Stored event {row.EventId} of session {row.SessionId} no longer passes the contract: {(parsed.Events is [var first, ..] ? first.Rejection : null)}");
        }

        return new StoredEvent(strings?.Share(deviceEvent) ?? deviceEvent, row.ReceivedAt);
    }

    /// <summary>One session's repeated ids, held once. Safe across threads: a session's writes on one host may overlap.</summary>
    public sealed class SharedStrings(string clinicId, string sessionId)
    {
        private readonly Dictionary<string, string> devices = new(StringComparer.Ordinal);
        private readonly Lock gate = new();

        internal DeviceEvent Share(DeviceEvent e)
        {
            string deviceId;
            lock (gate)
            {
                if (!devices.TryGetValue(e.DeviceId, out deviceId!))
                {
                    deviceId = e.DeviceId;
                    devices[deviceId] = deviceId;
                }
            }

            return e with
            {
                ClinicId = e.ClinicId == clinicId ? clinicId : e.ClinicId,
                SessionId = e.SessionId == sessionId ? sessionId : e.SessionId,
                DeviceId = deviceId,
            };
        }
    }
}
