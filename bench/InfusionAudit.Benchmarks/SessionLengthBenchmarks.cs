using BenchmarkDotNet.Attributes;
using InfusionAudit.Domain.Sessions;

namespace InfusionAudit.Benchmarks;

/// <summary>
/// One session of 50 vs 500 events, reported per event: time and allocation per event must not grow with the session's
/// length (the ingestion layer re-evaluates the whole session on every batch).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ThroughputConfig))]
public class SessionLengthBenchmarks
{
    private const int Short = 50;
    private const int Long = 500;
    private List<StoredEvent> shortSession = [];
    private List<StoredEvent> longSession = [];
    private DateTimeOffset asOf;

    [GlobalSetup]
    public void Setup()
    {
        shortSession = BenchmarkSessions.OfLength("S-SHORT", Short, new Random(7));
        longSession = BenchmarkSessions.OfLength("S-LONG", Long, new Random(7));
        if (shortSession.Count != Short || longSession.Count != Long)
        {
            throw new InvalidOperationException("Session lengths do not match OperationsPerInvoke.");
        }

        asOf = longSession.Max(e => e.ReceivedAt).AddMinutes(1);
    }

    [Benchmark(OperationsPerInvoke = Short, Baseline = true)]
    public int SessionOf50Events() => SessionEngine.Evaluate(shortSession, BenchmarkSessions.Library, PatientHistory.Empty, asOf).Findings.Count;

    [Benchmark(OperationsPerInvoke = Long)]
    public int SessionOf500Events() => SessionEngine.Evaluate(longSession, BenchmarkSessions.Library, PatientHistory.Empty, asOf).Findings.Count;
}
