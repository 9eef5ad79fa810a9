using System.Collections.Concurrent;
using System.Diagnostics;
using InfusionAudit.Application.Ingestion;
using InfusionAudit.Simulator.Generation;

namespace InfusionAudit.AuditBenchmark;

/// <summary>
/// A clinic month: <c>sessions</c> spread over <c>days</c> days ending yesterday, played by the simulator's clinic-day
/// generator (clinical mix with a share of faults: wrong rates, hypertensive crises, severe adverse effects, pump
/// mismatches, long pauses, short observation, duplicated, reordered and malformed events), each session's events sent
/// through the real <see cref="IngestHandler"/> in messages of up to 100 events, received when the last of them was sent.
/// </summary>
internal sealed class MonthGenerator(IngestHandler ingest, BenchmarkOptions options)
{
    private const int EventsPerMessage = 100;

    private static readonly ScenarioMix Mix = ScenarioMix.From(
        (Scenario.StandardIv, 12), (Scenario.Intranasal, 6), (Scenario.Subcutaneous, 2),
        (Scenario.WrongRate, 1), (Scenario.HypertensiveCrisis, 1), (Scenario.SevereAdverseEffect, 1),
        (Scenario.PumpMismatch, 1), (Scenario.LongPause, 1), (Scenario.ShortObservation, 1),
        (Scenario.Duplicates, 1), (Scenario.Reordering, 1), (Scenario.BadFields, 1));

    public DateOnly FirstDay { get; } = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-options.Days);

    public DateOnly LastDay => FirstDay.AddDays(options.Days - 1);

    /// <summary>The sessions of the month, generated deterministically from the clinic id.</summary>
    public IReadOnlyList<GeneratedSession> Sessions()
    {
        var sessions = new List<GeneratedSession>(options.Sessions);
        for (var day = 0; day < options.Days; day++)
        {
            var count = (options.Sessions / options.Days) + (day < options.Sessions % options.Days ? 1 : 0);
            var dayOptions = new ClinicDayOptions
            {
                ClinicId = options.Clinic,
                Start = new DateTimeOffset(FirstDay.AddDays(day).ToDateTime(new TimeOnly(6, 0)), TimeSpan.Zero),
                Seed = day,
                Sessions = count,
                Chairs = Math.Max(1, count / 8),
                Mix = Mix,
            };
            sessions.AddRange(new ClinicDayGenerator(dayOptions).Generate());
        }

        return sessions;
    }

    /// <returns>Events sent, messages sent, and how long it took.</returns>
    public async Task<(long Events, long Messages, TimeSpan Elapsed)> IngestAsync(IReadOnlyList<GeneratedSession> sessions, Action<int> progress, CancellationToken cancellationToken)
    {
        long events = 0, messages = 0;
        var done = 0;
        var failures = new ConcurrentBag<Exception>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(sessions, new ParallelOptions { MaxDegreeOfParallelism = options.Parallel, CancellationToken = cancellationToken }, async (session, ct) =>
        {
            var part = 0;
            foreach (var chunk in session.Events.Chunk(EventsPerMessage))
            {
                var body = "[" + string.Join(",", chunk.Select(e => e.Json)) + "]";
                var receivedAt = chunk.Max(e => e.SendAt).AddSeconds(1);
                await ingest.HandleAsync(body, new IngestContext("queue", $"bench-{session.SessionId}-{part++}", receivedAt), ct);
                Interlocked.Add(ref events, chunk.Length);
                Interlocked.Increment(ref messages);
            }

            var n = Interlocked.Increment(ref done);
            if (n % 500 == 0)
            {
                progress(n);
            }
        });

        return (events, messages, clock.Elapsed);
    }
}
