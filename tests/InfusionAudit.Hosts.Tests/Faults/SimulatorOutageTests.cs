using InfusionAudit.Simulator.Cli;
using InfusionAudit.Simulator.Terminal;
using InfusionAudit.Testing;
using Microsoft.Extensions.Time.Testing;

namespace InfusionAudit.Hosts.Tests.Faults;

/// <summary>Issue 11: when storage goes away under a replay, the simulator says so in words and exits 1, never with a stack trace.</summary>
public sealed class SimulatorOutageTests
{
    [Fact]
    public async Task AReplayWhoseStorageDiesAfterTheQueueIsCreatedExitsWithCode1AndNoStackTrace()
    {
        var queueEndpoint = new Uri(Azurite.ConnectionString.Split(';').Single(p => p.StartsWith("QueueEndpoint=", StringComparison.Ordinal))["QueueEndpoint=".Length..]);
        await using var proxy = new FaultProxy(queueEndpoint.Port);
        var storage = string.Join(';', Azurite.ConnectionString.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.StartsWith("QueueEndpoint=", StringComparison.Ordinal) ? $"QueueEndpoint=http://127.0.0.1:{proxy.Port}{queueEndpoint.AbsolutePath}" : p)) + ";";
        var file = Path.Combine(Path.GetTempPath(), $"replay-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllLinesAsync(file, new SessionScript().StandardIvSession().Select(e => e.ToJsonString()), TestContext.Current.CancellationToken);
        // The queue is created (one answer), then storage is gone for good.
        proxy.RefuseAfterResponses(1);

        var (exit, output, error) = await RunAsync("replay", "--file", file, "--transport", "queue", "--batch", "1",
            "--storage", storage, "--queue", "events-" + Guid.NewGuid().ToString("N")[..12]);

        File.Delete(file);
        exit.ShouldBe(ExitCodes.SendFailed, $"stdout:\n{output}\nstderr:\n{error}");
        (output + error).ShouldNotContain("   at ", customMessage: $"stdout:\n{output}\nstderr:\n{error}");
        (output + error).ShouldContain("Cannot reach", customMessage: $"stdout:\n{output}\nstderr:\n{error}");
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = ConsoleMode.CreateConsole(interactive: false, output);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var context = new CliContext(time, _ => null, console, ConsoleMode.CreateProgress(false, console, output, time), error);
        int exit;
        try
        {
            exit = await SimulatorCli.Create(context, args).Parse(args).InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);
        }
        catch (Exception ex)
        {
            // What the process would print before dying: the stack trace the test forbids.
            return (-1, output.ToString(), error + ex.ToString());
        }

        return (exit, output.ToString(), error.ToString());
    }
}
