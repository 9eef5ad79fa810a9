using System.Text.Json.Nodes;
using InfusionAudit.Simulator.Cli;
using InfusionAudit.Simulator.Terminal;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;

namespace InfusionAudit.Simulator.Tests.Cli;

public sealed class SimulatorCliTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("infusion-sim-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("load", "--chairs", "0")]
    [InlineData("load", "--chairs", "-3")]
    [InlineData("load", "--monitor-every", "0")]
    [InlineData("load", "--monitor-every", "-60")]
    [InlineData("simulate", "--chairs", "0")]
    [InlineData("simulate", "--monitor-every", "0")]
    [InlineData("generate", "--chairs", "0")]
    [InlineData("generate", "--monitor-every", "-1")]
    public async Task NonPositiveChairsAndMonitorIntervalsAreRefusedWithExitCode2BeforeAnythingIsSent(string command, string option, string value)
    {
        // generate needs a file; the others get an unreachable backend: the value must be refused before any connection.
        string[] args = command == "generate"
            ? [command, option, value, "--out", Path.Combine(_folder, "day.jsonl")]
            : [command, option, value, "--url", "http://127.0.0.1:9", "--storage", "DefaultEndpointsProtocol=http;AccountName=none;AccountKey=bm9uZQ==;QueueEndpoint=http://127.0.0.1:9/none"];

        var result = await RunAsync(args);

        result.Exit.ShouldBe(ExitCodes.InvalidInput);
        result.Error.ShouldStartWith($"error: {option} must be");
        result.Error.ShouldContain($"not {value}.");
        File.Exists(Path.Combine(_folder, "day.jsonl")).ShouldBeFalse();
    }

    [Fact]
    public async Task GenerateIntoADirectoryIsRefusedWithExitCode2AndAReason()
    {
        var result = await RunAsync("generate", "--out", _folder, "--start", "2026-11-26T08:00:00Z");

        result.Exit.ShouldBe(ExitCodes.InvalidInput);
        result.Error.ShouldStartWith("error: ");
        result.Error.ShouldContain(_folder);
    }

    [Fact]
    public async Task GenerateStreamsTheMonitorOnTheRequestedChairs()
    {
        var path = Path.Combine(_folder, "day.jsonl");

        var result = await RunAsync(
            "generate", "--out", path, "--sessions", "6", "--scenarios", "StandardIv", "--chairs", "2", "--monitor-every", "60",
            "--start", "2026-11-26T08:00:00Z");

        result.Exit.ShouldBe(ExitCodes.Success, result.Error);
        var events = (await File.ReadAllLinesAsync(path, TestContext.Current.CancellationToken)).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        var sessions = events.GroupBy(e => e["sessionId"]!.GetValue<string>()).ToList();
        sessions.Count.ShouldBe(6);
        sessions.ShouldAllBe(s => s.Count() >= 40);
        events.Select(e => e["deviceId"]!.GetValue<string>()).Distinct().Order()
            .ShouldBe(["abq-01-mon-01", "abq-01-mon-02", "abq-01-pump-01", "abq-01-pump-02", "abq-01-tab-01", "abq-01-tab-02"]);
    }

    [Fact]
    public async Task WithoutTheNewOptionsGenerateWritesTheSameDayAsTheLibraryDefault()
    {
        var path = Path.Combine(_folder, "day.jsonl");

        var result = await RunAsync("generate", "--out", path, "--start", "2026-11-26T08:00:00Z");

        result.Exit.ShouldBe(ExitCodes.Success, result.Error);
        var expected = InfusionAudit.Simulator.Batching.Batcher.ForwardingOrder(
            new InfusionAudit.Simulator.Generation.ClinicDayGenerator(SimulatorTestData.Options(mix: InfusionAudit.Simulator.Generation.ScenarioMix.Clinical)).Generate());
        (await File.ReadAllLinesAsync(path, TestContext.Current.CancellationToken)).ShouldBe(expected.Select(e => e.Json));
    }

    internal static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = ConsoleMode.CreateConsole(interactive: false, output);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero));
        var context = new CliContext(time, _ => null, console, ConsoleMode.CreateProgress(false, console, output, time), error);

        var exit = await SimulatorCli.Create(context, args).Parse(args).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);
        return (exit, output.ToString(), error.ToString());
    }
}
