using System.Text.Json.Nodes;
using InfusionAudit.Application.Ingestion;
using InfusionAudit.Simulator.Cli;
using InfusionAudit.Simulator.Generation;
using InfusionAudit.Simulator.Terminal;
using InfusionAudit.Testing;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;

namespace InfusionAudit.Simulator.Tests.Cli;

/// <summary>
/// The simulator as a demo and load tool (issue 14 item 7): reads go with an auditor key, sends with the producer's;
/// run ids stay apart from clinic ids; named scenarios are each played; a send that fails ends in one line, exit 1.
/// </summary>
public sealed class SimulatorKeysAndIdsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("infusion-sim-keys-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task RejudgeUsesTheAuditorKeyOfTheEnvironmentNotTheProducers()
    {
        await using var host = await TestHost.StartAsync();
        var script = new SessionScript(clinicId: "abq-01");
        await host.Ingest.HandleAsync(
            SessionScript.Batch([script.Started()]),
            new IngestContext("queue", "m-" + Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow),
            Ct);

        var result = await RunAsync(Keys, "rejudge", "--session", script.SessionId, "--json", "--url", host.BaseAddress.ToString());

        result.Exit.ShouldBe(ExitCodes.Success, result.Error);
        result.Output.ShouldContain($"\"sessionId\":\"{script.SessionId}\"");
    }

    [Fact]
    public async Task LoadOverHttpSendsWithTheProducerKeyAndReadsTheCountersWithTheAuditorKey()
    {
        await using var host = await TestHost.StartAsync();

        var result = await RunAsync(
            Keys, "load", "--transport", "http", "--events", "60", "--timeout", "60", "--clinic", "ld-" + Guid.NewGuid().ToString("N")[..8],
            "--url", host.BaseAddress.ToString());

        result.Exit.ShouldBe(ExitCodes.Success, result.Error + result.Output);
        result.Error.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("http")]
    [InlineData("queue")]
    public async Task ASendThatStillFailsAfterRetriesEndsWithOneLineAndExitCode1(string transport)
    {
        var result = await RunAsync(
            Keys, "simulate", "--sessions", "1", "--transport", transport, "--url", "http://127.0.0.1:9",
            "--storage", "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;QueueEndpoint=http://127.0.0.1:9/devstoreaccount1");

        result.Exit.ShouldBe(ExitCodes.SendFailed, result.Error);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.ShouldHaveSingleItem(result.Error).ShouldStartWith("error: ");
        result.Error.ShouldNotContain("   at ");
        result.Output.ShouldNotContain("   at ");
    }

    [Theory]
    [InlineData("r7", "r7.abq-01-")]
    [InlineData("r7-", "r7-abq-01-")]
    public async Task ARunIdIsSeparatedFromTheClinicId(string runId, string sessionStart)
    {
        var path = Path.Combine(_folder, "day.jsonl");

        var result = await RunAsync(Keys, "generate", "--out", path, "--sessions", "2", "--run-id", runId, "--start", "2026-11-26T08:00:00Z");

        result.Exit.ShouldBe(ExitCodes.Success, result.Error);
        var events = (await File.ReadAllLinesAsync(path, Ct)).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        events.ShouldAllBe(e => e["sessionId"]!.GetValue<string>().StartsWith(sessionStart, StringComparison.Ordinal));
        var eventStart = sessionStart[..3];
        events.ShouldAllBe(e => e["eventId"]!.GetValue<string>().StartsWith(eventStart, StringComparison.Ordinal));
    }

    [Fact]
    public void ScenariosNamedWithoutWeightsAreEachPlayedAtLeastOnce()
    {
        var mix = ScenarioMix.Parse("HypertensiveCrisis,SevereAdverseEffect,WrongRate,CriticalAtCompletion");

        var played = new ClinicDayGenerator(SimulatorTestData.Options(sessions: 4, mix: mix)).Generate().Select(s => s.Scenario).ToList();

        mix.EachAtLeastOnce.ShouldBeTrue();
        played.ShouldBe([Scenario.WrongRate, Scenario.HypertensiveCrisis, Scenario.SevereAdverseEffect, Scenario.CriticalAtCompletion], ignoreOrder: true);
        ScenarioMix.Parse("StandardIv=1,WrongRate=1").EachAtLeastOnce.ShouldBeFalse();
    }

    [Fact]
    public async Task MoreNamedScenariosThanTheDefaultSessionCountGrowTheDayAndTooFewSessionsAreRefused()
    {
        var names = string.Join(',', Enum.GetNames<Scenario>());
        var path = Path.Combine(_folder, "all.jsonl");

        var grown = await RunAsync(Keys, "generate", "--out", path, "--scenarios", names, "--start", "2026-11-26T08:00:00Z");
        var refused = await RunAsync(Keys, "generate", "--out", Path.Combine(_folder, "few.jsonl"), "--scenarios", "WrongRate,FastInfusion", "--sessions", "1");

        grown.Exit.ShouldBe(ExitCodes.Success, grown.Error);
        (await File.ReadAllLinesAsync(path, Ct)).Select(l => JsonNode.Parse(l)!["sessionId"]!.GetValue<string>()).Distinct().Count()
            .ShouldBeGreaterThanOrEqualTo(Enum.GetNames<Scenario>().Length);
        refused.Exit.ShouldBe(ExitCodes.InvalidInput);
        refused.Error.ShouldContain("at least 2 sessions");
    }

    [Fact]
    public async Task HelpNamesTheToolInfusionSim()
    {
        var result = await RunAsync(Keys, "--help");

        result.Output.ShouldContain("infusion-sim");
        result.Output.ShouldNotContain("InfusionAudit.Simulator");
    }

    private static Dictionary<string, string> Keys => new()
    {
        [ConnectionSettings.KeyVariable] = TestKeys.Producer,
        [ConnectionSettings.ReadKeyVariable] = TestKeys.Auditor,
    };

    private static async Task<(int Exit, string Output, string Error)> RunAsync(Dictionary<string, string> environment, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = ConsoleMode.CreateConsole(interactive: false, output);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var context = new CliContext(time, name => environment.GetValueOrDefault(name), console, ConsoleMode.CreateProgress(false, console, output, time), error);

        var exit = await SimulatorCli.Create(context, args).Parse(args).InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output, Error = error }, Ct);
        return (exit, output.ToString(), error.ToString());
    }
}
