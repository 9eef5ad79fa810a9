using InfusionAudit.Simulator.Cli;
using InfusionAudit.Simulator.Generation;
using InfusionAudit.Simulator.Load;
using InfusionAudit.Simulator.Transport;
using Shouldly;
using Xunit;

namespace InfusionAudit.Integration.Tests.Simulator;

public sealed class SimulatorToolTests
{
    private static readonly LoadReport Report = new(
        "ld1.", Sessions: 10, Events: 2_000, Messages: 20, BatchSize: 100,
        SendDuration: TimeSpan.FromSeconds(2), EndToEnd: TimeSpan.FromSeconds(4),
        Processed: new PipelineCounters(StorageRequests: 500, EventsReceived: 2_000, 2_000, 0, 0, 20),
        TimedOut: false, SendFailures: 0);

    [Fact]
    public void IngestResultsAreCountedByStatus()
    {
        const string body = """
            {"results":[{"index":0,"eventId":"a","status":"accepted"},{"index":1,"eventId":"b","status":"duplicate"},
            {"index":2,"eventId":null,"status":"rejected","rejection":{"field":"eventId","rule":"required"}},
            {"index":3,"eventId":"d","status":"accepted"}]}
            """;

        IngestResponse.Parse(body, 4).ShouldBe(new SendOutcome(4, HasResults: true, Accepted: 2, Duplicate: 1, Rejected: 1));
        IngestResponse.Parse("not json", 1).ShouldBeNull();
        IngestResponse.Parse("{}", 1).ShouldBeNull();
    }

    [Fact]
    public void LoadReportDerivesRatesAndRequestsPerEvent()
    {
        Report.SendEventsPerSecond.ShouldBe(1_000);
        Report.EndToEndEventsPerSecond.ShouldBe(500);
        Report.StorageRequestsPerEvent.ShouldBe(0.25);
    }

    [Fact]
    public void ABenchmarkRowCreatesItsSectionWhenMissing()
    {
        var row = BenchmarkTable.Row(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero), "2 cores", "queue", Report, "infusion-sim load");

        var document = BenchmarkTable.AppendRow("# Benchmarks\n\nSome text.\n", row);

        document.ShouldBe(
            "# Benchmarks\n\nSome text.\n\n" + BenchmarkTable.Heading + "\n\n" + BenchmarkTable.Header + "\n" + row + "\n");
        row.ShouldContain("| 2026-11-27 10:00 | 2 cores | queue | 100 | 2000 | 20 | 1000 | 500 | 0.25 | `infusion-sim load` |");
    }

    [Fact]
    public void ABenchmarkRowGoesAtTheEndOfTheExistingTableAndLeavesOtherSectionsAlone()
    {
        var document = "# Benchmarks\n\n" + BenchmarkTable.Heading + "\n\n" + BenchmarkTable.Header + "\n| old row |\n\n## Engine\n\n| other | table |\n";

        var updated = BenchmarkTable.AppendRow(document, "| new row |");

        updated.ShouldBe("# Benchmarks\n\n" + BenchmarkTable.Heading + "\n\n" + BenchmarkTable.Header + "\n| old row |\n| new row |\n\n## Engine\n\n| other | table |\n");
    }

    [Fact]
    public void RecordedCommandLinesMaskSecrets()
    {
        var text = CommandLineText.Format("infusion-sim", ["load", "--key", "s3cret", "--storage=AccountKey=abc", "--label", "two words"]);

        text.ShouldBe("infusion-sim load --key *** --storage=*** --label 'two words'");
    }

    [Fact]
    public void ScenarioMixesParseFromTheCommandLine()
    {
        var mix = ScenarioMix.Parse("standardiv=6, Intranasal=3,WrongRate");

        mix.Weights.ShouldBe([new(Scenario.StandardIv, 6), new(Scenario.Intranasal, 3), new(Scenario.WrongRate, 1)]);
        Should.Throw<FormatException>(() => ScenarioMix.Parse("Teleport=1"));
        Should.Throw<FormatException>(() => ScenarioMix.Parse("StandardIv=-1"));
        Should.Throw<ArgumentException>(() => ScenarioMix.Parse("StandardIv=0"));
    }

    [Fact]
    public void TheLoadGeneratorSendsWholeSessionsUntilTheEventCountIsReached()
    {
        var options = new LoadOptions { Events = 3_000, Start = SimulatorTestData.DayStart, RunId = "ld1." };

        var sessions = LoadRunner.GenerateSessions(options);

        var events = sessions.Sum(s => s.Events.Count);
        events.ShouldBeGreaterThanOrEqualTo(3_000);
        (events - sessions[^1].Events.Count).ShouldBeLessThan(3_000);
        sessions.ShouldAllBe(s => s.Scenario == Scenario.StandardIv || s.Scenario == Scenario.Intranasal);
        sessions.ShouldAllBe(s => s.SessionId.StartsWith("ld1.", StringComparison.Ordinal));
    }
}
