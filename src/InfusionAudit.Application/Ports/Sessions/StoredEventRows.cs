using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Sessions;

namespace InfusionAudit.Application.Ports.Sessions;

/// <summary>Stored event rows as the session engine reads them.</summary>
public static class StoredEventRows
{
    /// <summary>A session's events parsed from their rows (one row per event id: the id is in the row key).</summary>
    /// <exception cref="InvalidOperationException">A stored event no longer passes the contract.</exception>
    public static List<StoredEvent> Parse(IReadOnlyList<SessionEventRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return [.. rows.Select(row => Parse(row, null))];
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
