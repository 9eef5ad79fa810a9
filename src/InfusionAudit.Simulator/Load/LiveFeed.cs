using InfusionAudit.Simulator.Batching;
using InfusionAudit.Simulator.Contract;
using InfusionAudit.Simulator.Generation;

namespace InfusionAudit.Simulator.Load;

/// <summary>
/// Clinics whose events are dated as they are sent, the way a live clinic's gateway forwards its devices' readings: every
/// chair opens at the start, each clinic's events leave when they are due (their send time has come), packed per clinic
/// into messages of at most the batch size. Unlike the replayed day of the other soak, no message is judged hours
/// after its events, so timer rules (a gap in the vitals) see what a live clinic would: the next reading seconds later.
/// </summary>
/// <remarks>
/// Sessions are generated when their start comes within reach (at most <see cref="Lookahead"/> ahead); their monitors
/// stream until the end of sending only (<see cref="ClinicDayOptions.StreamUntil"/>), and events dated after it are
/// dropped: hours of 1 Hz readings of a thousand sessions would cost gigabytes and the CPU the soak measures.
/// </remarks>
public sealed class LiveFeed
{
    // A session starts at most this long after the chair it takes is free (ClinicDayGenerator: 5–20 min between
    // patients, or FirstSessionWithin for the first): once a session starting later than now + this is drawn, every
    // session still to come starts after now.
    private static readonly TimeSpan Lookahead = TimeSpan.FromMinutes(20);

    private readonly List<ClinicStream> clinics;
    private readonly DateTimeOffset end;
    private readonly int batchSize;

    /// <param name="options">Clinics, chairs, monitor interval, batch size, seed and run id of the soak.</param>
    /// <param name="start">Wall-clock start: the clinics open now.</param>
    /// <param name="end">No event is dated after this (the end of sending).</param>
    public LiveFeed(SoakOptions options, DateTimeOffset start, DateTimeOffset end)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.end = end;
        batchSize = options.BatchSize;
        var tail = options.RunId[Math.Max(0, options.RunId.Length - 10)..];
        clinics = [.. Enumerable.Range(0, LiveClinics(options)).Select(c => new ClinicStream(new ClinicDayGenerator(new ClinicDayOptions
        {
            ClinicId = $"{tail}-{c:D3}",
            Start = start,
            Seed = options.Seed + c,
            Sessions = null,
            Chairs = options.Chairs,
            Mix = ScenarioMix.Load,
            IdPrefix = $"{tail}.{c:D3}.",
            MonitorEvery = options.MonitorEvery,
            ChairsOpenEvery = TimeSpan.Zero,
            FirstSessionWithin = TimeSpan.FromSeconds(options.LiveRampSeconds),
            StreamUntil = end,
        }).Generate().GetEnumerator()))];
    }

    /// <summary>Clinics a live soak plays: enough chairs streaming at the monitor interval to make the asked rate.</summary>
    /// <remarks>The clinics' own rate is a little above the monitor readings alone (pump totals, starts, ends), and below it while chairs wait for their next patient; the soak reports what was offered.</remarks>
    public static int LiveClinics(SoakOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Clinics is { } clinics)
        {
            return clinics;
        }

        var perChairPerSecond = 1 / (options.MonitorEvery ?? TimeSpan.FromMinutes(5)).TotalSeconds;
        return Math.Max(1, (int)Math.Ceiling(options.EventsPerSecond / (options.Chairs * perChairPerSecond)));
    }

    /// <summary>Events generated and kept, not sent yet.</summary>
    public int Pending => clinics.Sum(c => c.Waiting.Count);

    /// <summary>The messages of every event due at <paramref name="now"/> not taken before, per clinic in forwarding order.</summary>
    public IReadOnlyList<OutgoingMessage> Due(DateTimeOffset now)
    {
        var messages = new List<OutgoingMessage>();
        var batcher = new Batcher(new BatcherOptions { MaxEvents = batchSize, FlushWindow = null });
        foreach (var clinic in clinics)
        {
            clinic.DrawUntil(now + Lookahead, end);
            var due = new List<WireEvent>();
            while (clinic.Waiting.TryPeek(out var next, out var sendAt) && sendAt.At <= now)
            {
                clinic.Waiting.Dequeue();
                due.Add(next);
            }

            messages.AddRange(batcher.Pack(due));
        }

        return messages;
    }

    private sealed class ClinicStream(IEnumerator<GeneratedSession> sessions)
    {
        private long order;
        private bool drawnPast;
        private DateTimeOffset lastStart = DateTimeOffset.MinValue;

        public PriorityQueue<WireEvent, (DateTimeOffset At, long Order)> Waiting { get; } = new();

        public void DrawUntil(DateTimeOffset horizon, DateTimeOffset end)
        {
            while (!drawnPast && lastStart <= horizon && sessions.MoveNext())
            {
                var session = sessions.Current;
                lastStart = session.StartedAt;
                if (session.StartedAt - Lookahead > end)
                {
                    // Every session still to come starts after the end (see Lookahead): none would send anything.
                    drawnPast = true;
                    return;
                }

                foreach (var e in session.Events)
                {
                    if (e.SendAt <= end)
                    {
                        Waiting.Enqueue(e, (e.SendAt, order++));
                    }
                }
            }
        }
    }
}
