using System.Text.RegularExpressions;

namespace InfusionAudit.Infra.Tests.Bicep;

/// <summary>What one run of the Bicep CLI printed.</summary>
public sealed partial record BicepResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Diagnostics lines (<c>file(line,col) : Warning|Error CODE: ...</c>); the CLI prints them on standard error.</summary>
    public IReadOnlyList<string> Diagnostics =>
        [.. StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>
    /// The diagnostics about <paramref name="file"/> (relative to an <c>infra</c> folder: the CLI runs in the repository's,
    /// and the guard test makes one of its own) of a run over several files, and every line that names no file.
    /// </summary>
    public IReadOnlyList<string> DiagnosticsOf(string file) =>
        [.. Diagnostics.Where(line => DiagnosticLine().Match(line) is not { Success: true } match
            || match.Groups["path"].Value.Replace('\\', '/').EndsWith("/infra/" + file, StringComparison.Ordinal))];

    public override string ToString() => $"exit {ExitCode}\n{StandardError}";

    // "<path>(line,col) : Warning|Error <code>: <text>", the CLI's diagnostic format.
    [GeneratedRegex(@"^(?<path>.+\.(bicep|bicepparam))\(\d+,\d+\) : ", RegexOptions.CultureInvariant)]
    private static partial Regex DiagnosticLine();
}
