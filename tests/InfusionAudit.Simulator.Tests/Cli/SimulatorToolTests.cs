using InfusionAudit.Simulator.Cli;
using InfusionAudit.Simulator.Generation;
using InfusionAudit.Simulator.Load;
using InfusionAudit.Simulator.Terminal;
using InfusionAudit.Simulator.Transport;
using Shouldly;
using Xunit;

namespace InfusionAudit.Simulator.Tests.Cli;

public sealed class SimulatorToolTests
{
    private static readonly LoadReport Report = new(
        "ld1.", Sessions: 10, Events: 2_000, Messages: 20, BatchSize: 100,
        SendDuration: TimeSpan.FromSeconds(2), EndToEnd: TimeSpan.FromSeconds(4),
        Processed: new PipelineCounters(StorageRequests: 500, EventsReceived: 2_000, 2_000, 0, 0, 20),
        TimedOut: false, SendFailures: 0, EventsPerSession: 200, SessionsPerMessage: 7.4);

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
        row.ShouldContain("| 2026-11-27 10:00 | 2 cores | queue | 100 | 2000 | 20 | 200.0 | 7.4 | 1000 | 500 | 0.25 | `infusion-sim load` |");
    }

    [Fact]
    public void TheBenchmarkHeaderNamesTheTelemetryShapeAndHasAsManyColumnsAsARow()
    {
        var row = BenchmarkTable.Row(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero), "a | b", "queue", Report, "infusion-sim load --label 'a | b'");
        var header = BenchmarkTable.Header.Split('\n');

        header[0].ShouldContain("| messages | events/session | sessions/message | send events/s |");
        Columns(header[1]).ShouldBe(Columns(header[0]));
        Columns(row).ShouldBe(Columns(header[0]));
    }

    [Fact]
    public void ABenchmarkRowUnderAnOlderHeaderStartsANewTableRightAfterItAndLeavesTheOtherTablesAlone()
    {
        // The shape of docs/benchmarks.md before the telemetry columns: results, prose, then breakdown tables in the same section.
        const string OldHeader =
            "| date (UTC) | label | transport | batch | events | messages | send events/s | end-to-end events/s | storage req/event | command |\n" +
            "|---|---|---|---:|---:|---:|---:|---:|---:|---|";
        var document = "# Benchmarks\n\n" + BenchmarkTable.Heading + "\n\nIntro.\n\n" + OldHeader + "\n| old row |\n\n**Targets.**\n\n"
            + "| requests | operation | what |\n|---:|---|---|\n| 1 | x | y |\n\n| step | req/event | events/s |\n|---|---:|---:|\n| first | 2.66 | 180 |\n\n## Alert latency\n\n| other | table |\n";

        var once = BenchmarkTable.AppendRow(document, "| row 1 |");
        var twice = BenchmarkTable.AppendRow(once, "| row 2 |");

        twice.ShouldBe(
            "# Benchmarks\n\n" + BenchmarkTable.Heading + "\n\nIntro.\n\n" + OldHeader + "\n| old row |\n\n" + BenchmarkTable.Header + "\n| row 1 |\n| row 2 |\n\n**Targets.**\n\n"
            + "| requests | operation | what |\n|---:|---|---|\n| 1 | x | y |\n\n| step | req/event | events/s |\n|---|---:|---:|\n| first | 2.66 | 180 |\n\n## Alert latency\n\n| other | table |\n");
    }

    [Fact]
    public void ABenchmarkRowGoesIntoTheResultsTableNotIntoALaterTableOfItsSection()
    {
        var document = BenchmarkTable.Heading + "\n\n" + BenchmarkTable.Header + "\n| old row |\n\n| step | req/event |\n|---|---:|\n| first | 2.66 |\n";

        var updated = BenchmarkTable.AppendRow(document, "| new row |");

        updated.ShouldBe(BenchmarkTable.Heading + "\n\n" + BenchmarkTable.Header + "\n| old row |\n| new row |\n\n| step | req/event |\n|---|---:|\n| first | 2.66 |\n");
    }

    [Fact]
    public void ASectionWithOnlyOtherTablesGetsAResultsTableAfterItsText()
    {
        var document = BenchmarkTable.Heading + "\n\n| step | req/event |\n|---|---:|\n| first | 2.66 |\n\n## Next\n";

        var updated = BenchmarkTable.AppendRow(document, "| new row |");

        updated.ShouldBe(BenchmarkTable.Heading + "\n\n| step | req/event |\n|---|---:|\n| first | 2.66 |\n\n" + BenchmarkTable.Header + "\n| new row |\n\n## Next\n");
    }

    [Fact]
    public void TheLoadSummaryShowsEventsPerSessionAndSessionsPerMessage()
    {
        var output = new StringWriter();

        SummaryPrinter.PrintLoad(ConsoleMode.CreateConsole(interactive: false, output), Report);

        output.ToString().ShouldContain("events/session");
        output.ToString().ShouldContain("200.0");
        output.ToString().ShouldContain("sessions/message");
        output.ToString().ShouldContain("7.4");
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
        sessions.Max(s => s.Chair).ShouldBe(LoadOptions.DefaultChairs(3_000)); // events ÷ 400, at least 6
        // Sparse sessions: since catalogue v2 about 23 events (contract 1.1 screening and discharge, a round every 10 min
        // while dosing and observing, VITALS-MISSING), up from under 20.
        sessions.Average(s => s.Events.Count).ShouldBeLessThan(30);
    }

    [Fact]
    public void TheLoadGeneratorTakesItsChairsAndMonitorIntervalFromTheOptions()
    {
        var options = new LoadOptions
        {
            Events = 3_000, Start = SimulatorTestData.DayStart, RunId = "ld1.", Chairs = 3, MonitorEvery = TimeSpan.FromSeconds(60),
        };

        var sessions = LoadRunner.GenerateSessions(options);

        sessions.Select(s => s.Chair).Distinct().Order().ShouldBe([1, 2, 3]);
        sessions.Average(s => s.Events.Count).ShouldBeGreaterThan(80);
        sessions.Sum(s => s.Events.Count).ShouldBeGreaterThanOrEqualTo(3_000);
    }

    [Fact]
    public void TheDefaultChairsGrowWithTheEventCountWithinSixTo999()
    {
        LoadOptions.DefaultChairs(100).ShouldBe(6);
        LoadOptions.DefaultChairs(20_000).ShouldBe(50);
        LoadOptions.DefaultChairs(10_000_000).ShouldBe(999);
    }

    // Cells of a Markdown table line: its unescaped pipes, less one.
    private static int Columns(string line) => System.Text.RegularExpressions.Regex.Matches(line, @"(?<!\\)\|").Count - 1;
}
