using System.Text;
using InfusionAudit.Simulator.Contract;
using InfusionAudit.Simulator.Generation;

namespace InfusionAudit.Simulator.Batching;

/// <summary>
/// Packs events into messages the way a clinic gateway does: events of all sessions interleaved in forwarding order,
/// a message flushed when it holds <see cref="BatcherOptions.MaxEvents"/> events, when the next event would push it past
/// the size limit, or when its first event is older than the flush window.
/// </summary>
public sealed class Batcher
{
    private readonly BatcherOptions _options;

    /// <summary>Creates a batcher; the options are validated here.</summary>
    public Batcher(BatcherOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    /// <summary>All events of the sessions in the order the gateway forwards them (by send time, ties by session then position).</summary>
    public static IEnumerable<WireEvent> ForwardingOrder(IEnumerable<GeneratedSession> sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        return sessions
            .SelectMany(s => s.Events.Select((e, i) => (Event: e, Session: s.Index, Position: i)))
            .OrderBy(x => x.Event.SendAt)
            .ThenBy(x => x.Session)
            .ThenBy(x => x.Position)
            .Select(x => x.Event);
    }

    /// <summary>Interleaves the sessions and packs them.</summary>
    public IEnumerable<OutgoingMessage> Batch(IEnumerable<GeneratedSession> sessions) => Pack(ForwardingOrder(sessions));

    /// <summary>Packs events already in forwarding order. Text that is not JSON goes alone, as-is: inside an array it would spoil its neighbours.</summary>
    public IEnumerable<OutgoingMessage> Pack(IEnumerable<WireEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var buffer = new List<string>(_options.MaxEvents);
        var sessions = new HashSet<string>(StringComparer.Ordinal);
        var bufferBytes = 0;
        DateTimeOffset windowStart = default;

        foreach (var e in events)
        {
            var bytes = Encoding.UTF8.GetByteCount(e.Json);
            if (e.Kind == WireEventKind.NotJson || _options.MaxEvents == 1)
            {
                if (buffer.Count > 0)
                {
                    yield return Flush(buffer, sessions, bufferBytes);
                }

                yield return new OutgoingMessage(e.Json, 1, bytes, 1);
                continue;
            }

            var windowExpired = buffer.Count > 0 && _options.FlushWindow is { } window && e.SendAt - windowStart >= window;
            var tooBig = buffer.Count > 0 && OutgoingMessage.Base64Length(bufferBytes + 1 + bytes) > _options.MaxEncodedBytes;
            if (windowExpired || tooBig)
            {
                yield return Flush(buffer, sessions, bufferBytes);
            }

            if (buffer.Count == 0)
            {
                windowStart = e.SendAt;
                bufferBytes = 2; // the brackets
            }
            else
            {
                bufferBytes += 1; // the comma
            }

            buffer.Add(e.Json);
            sessions.Add(e.SessionId);
            bufferBytes += bytes;
            if (buffer.Count == _options.MaxEvents)
            {
                yield return Flush(buffer, sessions, bufferBytes);
            }
        }

        if (buffer.Count > 0)
        {
            yield return Flush(buffer, sessions, bufferBytes);
        }
    }

    private static OutgoingMessage Flush(List<string> buffer, HashSet<string> sessions, int bytes)
    {
        var message = new OutgoingMessage("[" + string.Join(",", buffer) + "]", buffer.Count, bytes, sessions.Count);
        buffer.Clear();
        sessions.Clear();
        return message;
    }
}
