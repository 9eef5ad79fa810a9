using System.Text.Json.Nodes;

namespace InfusionAudit.Console.Tests;

/// <summary>
/// The console loads nothing from elsewhere: its chart library is a copy of the npm package that package-lock.json pins
/// (uplot), committed under src/InfusionAudit.Console/wwwroot/vendor/uplot. The copy must stay byte for byte what the
/// pinned package holds (scripts/test.sh runs npm ci first), so an upgrade is a package.json change plus a fresh copy.
/// </summary>
public sealed class VendoredChartLibraryTests
{
    private static readonly string Root = RepositoryRoot();

    [Theory]
    [InlineData("uPlot.iife.min.js")]
    [InlineData("uPlot.min.css")]
    public void TheVendoredFileIsThePinnedPackagesFile(string file)
    {
        var installed = Path.Combine(Root, "node_modules", "uplot", "dist", file);
        File.Exists(installed).ShouldBeTrue($"{installed} is missing: run npm ci (scripts/test.sh does)");

        File.ReadAllBytes(Path.Combine(Root, "src", "InfusionAudit.Console", "wwwroot", "vendor", "uplot", file))
            .ShouldBe(File.ReadAllBytes(installed), $"copy node_modules/uplot/dist/{file} to src/InfusionAudit.Console/wwwroot/vendor/uplot/");
    }

    [Fact]
    public void PackageJsonPinsTheExactVersionTheLockFileInstalls()
    {
        var declared = JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "package.json")))!["devDependencies"]!["uplot"]!.GetValue<string>();
        var locked = JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "package-lock.json")))!["packages"]!["node_modules/uplot"]!["version"]!.GetValue<string>();

        declared.ShouldBe(locked);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Functions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Functions.sln not found above " + AppContext.BaseDirectory);
    }
}
