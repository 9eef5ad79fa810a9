using BenchmarkDotNet.Attributes;
using InfusionAudit.Domain.Sessions;

namespace InfusionAudit.Benchmarks;

/// <summary>
/// The pure engine on a realistic mix: 60 standard IV sessions, 30 intranasal, 10 faulty. One operation = one event,
/// so Mean is time per event, Op/s is events per second on one core and Allocated is bytes per event.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class SessionEngineBenchmarks
{
    private const int Events = MixedEvents;
    private const int MixedEvents = 3_000;
    private List<StoredEvent>[] sessions = [];
    private DateTimeOffset asOf;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20261126);
        var list = new List<List<StoredEvent>>();
        for (var i = 0; i < 100; i++)
        {
            var id = $"S-{i:0000}";
            list.Add(i % 10 == 9 ? BenchmarkSessions.Faulty(id, random) : i % 10 >= 6 ? BenchmarkSessions.Intranasal(id, random) : BenchmarkSessions.StandardIv(id, random));
        }

        sessions = [.. list];
        var count = sessions.Sum(s => s.Count);
        if (count != Events)
        {
            throw new InvalidOperationException($"The mix has {count} events; set {nameof(MixedEvents)} = {count}.");
        }

        asOf = sessions.SelectMany(s => s).Max(e => e.ReceivedAt).AddMinutes(1);
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public int EvaluateMix()
    {
        var findings = 0;
        foreach (var session in sessions)
        {
            findings += SessionEngine.Evaluate(session, BenchmarkSessions.Library, PatientHistory.Empty, asOf).Findings.Count;
        }

        return findings;
    }
}
