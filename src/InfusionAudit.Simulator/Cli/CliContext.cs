using InfusionAudit.Simulator.Terminal;
using Spectre.Console;

namespace InfusionAudit.Simulator.Cli;

/// <summary>What the commands need from the outside world: clock, environment, output.</summary>
/// <param name="Time">The clock (default start dates, run ids, timings).</param>
/// <param name="Environment">Environment variable lookup.</param>
/// <param name="Console">Where results are rendered.</param>
/// <param name="Progress">How long steps show progress.</param>
/// <param name="Error">Where errors go.</param>
public sealed record CliContext(
    TimeProvider Time,
    Func<string, string?> Environment,
    IAnsiConsole Console,
    IProgressDisplay Progress,
    TextWriter Error)
{
    /// <summary>The real process: system clock, process environment, stdout/stderr, live display only on a terminal.</summary>
    public static CliContext ForProcess()
    {
        var interactive = ConsoleMode.IsInteractive(System.Environment.GetEnvironmentVariable);
        var console = ConsoleMode.CreateConsole(interactive, System.Console.Out);
        return new CliContext(
            TimeProvider.System,
            System.Environment.GetEnvironmentVariable,
            console,
            ConsoleMode.CreateProgress(interactive, console, System.Console.Out, TimeProvider.System),
            System.Console.Error);
    }
}
