namespace InfusionAudit.Infra.Tests.Bicep;

/// <summary>
/// One Bicep CLI run per check over every file of infra/ (<c>--pattern</c>), rather than one per file: each run is a
/// process of a few seconds of CPU, and the per-file tests read their own diagnostics from the run's output. A line the
/// CLI prints that names no file counts against every file, so nothing it says can go unread.
/// </summary>
public sealed class InfraCheckRuns : IAsyncLifetime
{
    private readonly DirectoryInfo output = Directory.CreateTempSubdirectory("infra-build-");

    public BicepResult Build { get; private set; } = null!;

    public BicepResult BuildParams { get; private set; } = null!;

    public BicepResult LintBicep { get; private set; } = null!;

    public BicepResult LintParams { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var runs = await Task.WhenAll(
            BicepCli.RunAsync("build", "--pattern", "**/*.bicep", "--outdir", Path.Combine(output.FullName, "bicep")),
            BicepCli.RunAsync("build-params", "--pattern", "*.bicepparam", "--outdir", Path.Combine(output.FullName, "params")),
            BicepCli.RunAsync("lint", "--pattern", "**/*.bicep"),
            BicepCli.RunAsync("lint", "--pattern", "*.bicepparam"));
        (Build, BuildParams, LintBicep, LintParams) = (runs[0], runs[1], runs[2], runs[3]);
    }

    public ValueTask DisposeAsync()
    {
        output.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }

    /// <summary>The JSON built for <paramref name="file"/> (relative to infra/), or null when the run wrote none.</summary>
    public string? BuiltJson(string file, bool parameters = false)
    {
        var path = Path.Combine(output.FullName, parameters ? "params" : "bicep", Path.ChangeExtension(file, ".json"));
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }
}
