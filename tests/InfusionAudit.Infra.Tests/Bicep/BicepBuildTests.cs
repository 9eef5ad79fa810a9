namespace InfusionAudit.Infra.Tests.Bicep;

/// <summary>Every Bicep and parameters file builds and lints with no diagnostic at all: a warning fails CI like an error.</summary>
public sealed class BicepBuildTests(InfraCheckRuns runs) : IClassFixture<InfraCheckRuns>
{
    [Theory]
    [MemberData(nameof(InfraFiles.BicepFiles), MemberType = typeof(InfraFiles))]
    public void EveryBicepFileBuildsWithoutAnyDiagnostic(string file)
    {
        runs.Build.DiagnosticsOf(file).ShouldBeEmpty(runs.Build.ToString());
        (runs.BuiltJson(file) ?? $"nothing built: {runs.Build}").ShouldContain("\"$schema\"");
    }

    [Theory]
    [MemberData(nameof(InfraFiles.BicepFiles), MemberType = typeof(InfraFiles))]
    [MemberData(nameof(InfraFiles.ParameterFiles), MemberType = typeof(InfraFiles))]
    public void EveryFileLintsWithoutAnyDiagnostic(string file)
    {
        var lint = file.EndsWith(".bicepparam", StringComparison.Ordinal) ? runs.LintParams : runs.LintBicep;

        // A failed run that names no file fails every file through the line it printed; one naming other files fails those.
        lint.DiagnosticsOf(file).ShouldBeEmpty(lint.ToString());
        (lint.ExitCode == 0 || lint.Diagnostics.Count > 0).ShouldBeTrue(lint.ToString());
    }

    [Theory]
    [MemberData(nameof(InfraFiles.ParameterFiles), MemberType = typeof(InfraFiles))]
    public void EveryParametersFileBuildsWithoutAnyDiagnostic(string file)
    {
        runs.BuildParams.DiagnosticsOf(file).ShouldBeEmpty(runs.BuildParams.ToString());
        (runs.BuiltJson(file, parameters: true) ?? $"nothing built: {runs.BuildParams}").ShouldContain("\"parameters\"");
    }

    [Fact]
    public async Task TheLinterRunsWithTheRepositoryConfigurationAndReportsABrokenRuleAgainstItsFileOnly()
    {
        // Guards the guard: a lint that silently ignored bicepconfig.json would pass everything, and so would diagnostics
        // read against the wrong file.
        var dir = Directory.CreateTempSubdirectory("bicep-lint-");
        try
        {
            var infra = Directory.CreateDirectory(Path.Combine(dir.FullName, "infra")).FullName;
            File.Copy(Path.Combine(BicepCli.InfraDirectory, "bicepconfig.json"), Path.Combine(infra, "bicepconfig.json"));
            await File.WriteAllTextAsync(Path.Combine(infra, "bad.bicep"), """
                param unused string = 'x'
                @secure()
                param adminPassword string = 'literal'
                output leaked string = adminPassword
                """, TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(Path.Combine(infra, "good.bicep"), """
                param location string
                output where string = location
                """, TestContext.Current.CancellationToken);

            var result = await BicepCli.RunInAsync(infra, null, "lint", "--pattern", "*.bicep");

            result.ExitCode.ShouldNotBe(0);
            var bad = string.Join('\n', result.DiagnosticsOf("bad.bicep"));
            bad.ShouldContain("no-unused-params");
            bad.ShouldContain("secure-parameter-default");
            bad.ShouldContain("outputs-should-not-contain-secrets");
            result.DiagnosticsOf("good.bicep").ShouldBeEmpty(result.ToString());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
