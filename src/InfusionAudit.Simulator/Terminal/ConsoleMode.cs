using Spectre.Console;

namespace InfusionAudit.Simulator.Terminal;

/// <summary>Decides between live terminal output and plain lines.</summary>
public static class ConsoleMode
{
    /// <summary>Table width when output goes to a file or a CI log.</summary>
    public const int PlainWidth = 200;

    /// <summary>
    /// Live output only on a real terminal: not when stdout is redirected, not in CI (<c>CI=true</c>), not on a dumb
    /// terminal. Live redraws written to a log file are unreadable.
    /// </summary>
    public static bool IsInteractive(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var ci = environment("CI");
        if (!string.IsNullOrEmpty(ci) && !ci.Equals("false", StringComparison.OrdinalIgnoreCase) && ci != "0")
        {
            return false;
        }

        if (string.Equals(environment("TERM"), "dumb", StringComparison.Ordinal))
        {
            return false;
        }

        return !System.Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
    }

    /// <summary>A console for results: colours and Unicode borders when interactive, plain ASCII otherwise.</summary>
    public static IAnsiConsole CreateConsole(bool interactive, TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        if (!interactive)
        {
            // A log has no window: Spectre's 80-column fallback would wrap session ids mid-word.
            console.Profile.Width = PlainWidth;
        }

        return console;
    }

    /// <summary>The progress display that suits the mode.</summary>
    public static IProgressDisplay CreateProgress(bool interactive, IAnsiConsole console, TextWriter output, TimeProvider time) =>
        interactive ? new SpectreProgressDisplay(console) : new PlainProgressDisplay(output, time, TimeSpan.FromSeconds(2));
}
