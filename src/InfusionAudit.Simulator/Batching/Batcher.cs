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
    public IEnumerable<OutgoingMessage> Pack(IEnumerable<WireEvent> events) =>
        Groups(events).Select(g => g.Alone ? new OutgoingMessage(g.Events[0].Json, 1, Encoding.UTF8.GetByteCount(g.Events[0].Json), 1) : Flush(g.Events));

    /// <summary>
    /// Packs events already in forwarding order into the same groups as <see cref="Pack(IEnumerable{WireEvent})"/>, then sends what the pumps and
    /// monitors speak as HL7 (<paramref name="toHl7"/>: the ER7 text, or null for an event that stays JSON). A group is cut
    /// into its consecutive runs of one format, in order: a run of JSON events is one JSON message, a run of HL7 messages
    /// one HL7 body (an MLLP-framed stream when it holds more than one message).
    /// </summary>
    public IEnumerable<OutgoingMessage> Pack(IEnumerable<WireEvent> events, Func<WireEvent, string?> toHl7)
    {
        ArgumentNullException.ThrowIfNull(toHl7);
        foreach (var group in Groups(events))
        {
            var json = new List<WireEvent>();
            var hl7 = new List<(WireEvent Event, string Text)>();
            foreach (var e in group.Events)
            {
                if (toHl7(e) is { } text)
                {
                    if (json.Count > 0)
                    {
                        yield return JsonRun(json, group.Alone);
                    }

                    hl7.Add((e, text));
                }
                else
                {
                    if (hl7.Count > 0)
                    {
                        yield return OutgoingMessage.Hl7(hl7);
                        hl7.Clear();
                    }

                    json.Add(e);
                }
            }

            if (json.Count > 0)
            {
                yield return JsonRun(json, group.Alone);
            }

            if (hl7.Count > 0)
            {
                yield return OutgoingMessage.Hl7(hl7);
            }
        }

        OutgoingMessage JsonRun(List<WireEvent> run, bool alone)
        {
            var message = alone || _options.MaxEvents == 1
                ? new OutgoingMessage(run[0].Json, 1, Encoding.UTF8.GetByteCount(run[0].Json), 1)
                : Flush(run);
            run.Clear();
            return message;
        }
    }

    // The gateway's groups: flushed on count, size and window; an event alone when it is not JSON or a message carries one event.
    private IEnumerable<(List<WireEvent> Events, bool Alone)> Groups(IEnumerable<WireEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var buffer = new List<WireEvent>(_options.MaxEvents);
        var bufferBytes = 0;
        DateTimeOffset windowStart = default;

        foreach (var e in events)
        {
            var bytes = Encoding.UTF8.GetByteCount(e.Json);
            if (e.Kind == WireEventKind.NotJson || _options.MaxEvents == 1)
            {
                if (buffer.Count > 0)
                {
                    yield return (buffer, false);
                    buffer = new List<WireEvent>(_options.MaxEvents);
                }

                yield return ([e], true);
                continue;
            }

            var windowExpired = buffer.Count > 0 && _options.FlushWindow is { } window && e.SendAt - windowStart >= window;
            var tooBig = buffer.Count > 0 && OutgoingMessage.Base64Length(bufferBytes + 1 + bytes) > _options.MaxEncodedBytes;
            if (windowExpired || tooBig)
            {
                yield return (buffer, false);
                buffer = new List<WireEvent>(_options.MaxEvents);
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

            buffer.Add(e);
            bufferBytes += bytes;
            if (buffer.Count == _options.MaxEvents)
            {
                yield return (buffer, false);
                buffer = new List<WireEvent>(_options.MaxEvents);
            }
        }

        if (buffer.Count > 0)
        {
            yield return (buffer, false);
        }
    }

    private static OutgoingMessage Flush(List<WireEvent> events)
    {
        var text = "[" + string.Join(",", events.Select(e => e.Json)) + "]";
        return new OutgoingMessage(text, events.Count, Encoding.UTF8.GetByteCount(text), events.Select(e => e.SessionId).Distinct(StringComparer.Ordinal).Count());
    }
}
