using System.Text.Json.Nodes;
using InfusionAudit.Simulator.Contract;

namespace InfusionAudit.Simulator.Generation;

// What an unreliable gateway does to a clean session on its way to the backend. The session's own events stay
// exactly as recorded (sequences 0..n); faults only add copies, change forwarding times or add broken events.
internal static class TransportFaults
{
    public static List<WireEvent> Clean(IEnumerable<EventEnvelope> events) =>
        [.. events.Select(e => ToWire(e, e.OccurredAt, WireEventKind.Original))];

    // At-least-once delivery: about a third of the events are sent again 10 s – 3 min later, byte for byte.
    public static List<WireEvent> Duplicate(IReadOnlyList<EventEnvelope> events, Random r)
    {
        var wire = Clean(events);
        var copies = wire.Where(_ => r.Chance(0.3)).ToList();
        if (copies.Count == 0)
        {
            copies.Add(wire[Math.Min(1, wire.Count - 1)]);
        }

        wire.AddRange(copies.Select(e => e with { Kind = WireEventKind.Duplicate, SendAt = e.SendAt + r.Seconds(10, 180) }));
        return wire;
    }

    // The pump lost its link at the start (SessionStarted arrives 6–9 min late) and everything else is uploaded with
    // up to 5 min of jitter, so arrival order differs from sequence order within and across gateway batches.
    public static List<WireEvent> Reorder(IReadOnlyList<EventEnvelope> events, Random r) =>
    [
        .. events.Select(e => ToWire(
            e,
            e.OccurredAt + (e.Type == EventTypes.SessionStarted ? r.Seconds(360, 540) : r.Seconds(0, 300)),
            WireEventKind.Original)),
    ];

    // One of each classic producer bug, each imitating a real event of the session (and reusing its sequence, so the
    // valid record stays contiguous): no eventId, a negative weight, a type the contract does not know, a rate as text.
    public static List<WireEvent> AddBadFields(IReadOnlyList<EventEnvelope> events, DeviceCounters counters)
    {
        var wire = Clean(events);
        var started = events.First(e => e.Type == EventTypes.SessionStarted);
        var vitals = events.First(e => e.Type == EventTypes.VitalsRecorded);
        var rate = events.First(e => e.Type == EventTypes.InfusionRateChanged);

        var noId = vitals with { EventId = null, Payload = Clone(vitals.Payload) };

        var negativeWeightPayload = Clone(started.Payload);
        negativeWeightPayload["weightKg"] = -(negativeWeightPayload["weightKg"]?.GetValue<double>() ?? 70);
        var negativeWeight = started with { EventId = counters.NextEventId(started.DeviceId), Payload = negativeWeightPayload };

        var unknownType = rate with
        {
            EventId = counters.NextEventId(rate.DeviceId),
            Type = "InfusionBolusGiven",
            OccurredAt = rate.OccurredAt + TimeSpan.FromSeconds(20),
            Payload = new JsonObject { ["doseMg"] = 5 },
        };

        var rateAsText = rate with
        {
            EventId = counters.NextEventId(rate.DeviceId),
            OccurredAt = rate.OccurredAt + TimeSpan.FromSeconds(40),
            Payload = new JsonObject { [rate.Payload.First().Key] = "fast" },
        };

        wire.AddRange(new[] { noId, negativeWeight, unknownType, rateAsText }
            .Select((e, i) => ToWire(e, e.OccurredAt + TimeSpan.FromSeconds(i + 1), WireEventKind.Invalid)));
        return wire;
    }

    // The chair's gateway loses its link 10–20 min after the pump started: nothing recorded after that reaches the backend
    // (no stop, no pump total, no end), while the pump runs on.
    public static List<WireEvent> LinkLostWhileRunning(IReadOnlyList<EventEnvelope> events, Random r)
    {
        var started = events.First(e => e.Type == EventTypes.InfusionRateChanged).OccurredAt;
        var lostAt = started + r.Minutes(10, 20);
        return Clean(events.Where(e => e.OccurredAt <= lostAt));
    }

    // The pump's clock was reset to 1970-01-01 (a flat clock battery): its rate changes and totals carry that date, at the
    // same time of day, but are sent live. The start was entered with the right time; tablet and monitor keep good clocks.
    public static List<WireEvent> PumpClockReset(IReadOnlyList<EventEnvelope> events)
    {
        var epoch = new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);
        return
        [
            .. events.Select(e =>
            {
                if (e.Type is not (EventTypes.InfusionRateChanged or EventTypes.InfusionPaused or EventTypes.InfusionResumed or EventTypes.PumpTotalReported))
                {
                    return ToWire(e, e.OccurredAt, WireEventKind.Original);
                }

                var pumpClock = epoch + (e.OccurredAt - e.OccurredAt.UtcDateTime.Date);
                return ToWire(e with { OccurredAt = pumpClock }, e.OccurredAt, WireEventKind.Original);
            }),
        ];
    }

    private static WireEvent ToWire(EventEnvelope e, DateTimeOffset sendAt, WireEventKind kind) =>
        new(e.SessionId, e.Sequence, e.OccurredAt, sendAt, kind, EventJsonWriter.Write(e));

    private static JsonObject Clone(JsonObject payload) => payload.DeepClone().AsObject();
}
