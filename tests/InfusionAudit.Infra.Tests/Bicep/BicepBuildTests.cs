namespace InfusionAudit.Infra.Tests.Bicep;

/// <summary>Every Bicep and parameters file builds and lints with no diagnostic at all: a warning fails CI like an error.</summary>
public sealed class BicepBuildTests
{
    [Theory]
    [MemberData(nameof(InfraFiles.BicepFiles), MemberType = typeof(InfraFiles))]
    public async Task EveryBicepFileBuildsWithoutAnyDiagnostic(string file)
    {
        var result = await BicepCli.RunAsync("build", file, "--stdout");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Diagnostics.ShouldBeEmpty(result.ToString());
        result.StandardOutput.ShouldContain("\"$schema\"");
    }

    [Theory]
    [MemberData(nameof(InfraFiles.BicepFiles), MemberType = typeof(InfraFiles))]
    [MemberData(nameof(InfraFiles.ParameterFiles), MemberType = typeof(InfraFiles))]
    public async Task EveryFileLintsWithoutAnyDiagnostic(string file)
    {
        var result = await BicepCli.RunAsync("lint", file);

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Diagnostics.ShouldBeEmpty(result.ToString());
    }

    [Theory]
    [MemberData(nameof(InfraFiles.ParameterFiles), MemberType = typeof(InfraFiles))]
    public async Task EveryParametersFileBuildsWithoutAnyDiagnostic(string file)
    {
        var result = await BicepCli.RunAsync("build-params", file, "--stdout");

        result.ExitCode.ShouldBe(0, result.ToString());
        result.Diagnostics.ShouldBeEmpty(result.ToString());
    }

    [Fact]
    public async Task TheLinterRunsWithTheRepositoryConfigurationAndReportsABrokenRule()
    {
        // Guards the guard: a lint that silently ignored bicepconfig.json would pass everything.
        var dir = Directory.CreateTempSubdirectory("bicep-lint-");
        try
        {
            File.Copy(Path.Combine(BicepCli.InfraDirectory, "bicepconfig.json"), Path.Combine(dir.FullName, "bicepconfig.json"));
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "bad.bicep"), """
                param unused string = 'x'
                @secure()
                param adminPassword string = 'literal'
                output leaked string = adminPassword
                """, TestContext.Current.CancellationToken);

            var result = await BicepCli.RunInAsync(dir.FullName, null, "lint", "bad.bicep");

            result.ExitCode.ShouldNotBe(0);
            result.StandardError.ShouldContain("no-unused-params");
            result.StandardError.ShouldContain("secure-parameter-default");
            result.StandardError.ShouldContain("outputs-should-not-contain-secrets");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
