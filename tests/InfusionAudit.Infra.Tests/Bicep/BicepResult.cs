namespace InfusionAudit.Infra.Tests.Bicep;

/// <summary>What one run of the Bicep CLI printed.</summary>
public sealed record BicepResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Diagnostics lines (<c>file(line,col) : Warning|Error CODE: ...</c>); the CLI prints them on standard error.</summary>
    public IReadOnlyList<string> Diagnostics =>
        [.. StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    public override string ToString() => $"exit {ExitCode}\n{StandardError}";
}
