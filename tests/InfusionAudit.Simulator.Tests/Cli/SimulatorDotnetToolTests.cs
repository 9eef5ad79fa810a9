using InfusionAudit.Testing;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Shouldly;
using Xunit;

namespace InfusionAudit.Simulator.Tests.Cli;

/// <summary>
/// The pieces that make `./scripts/sim-tool.sh` then `dotnet infusion-sim ...` work agree with each other: the project
/// packs as the tool the manifest names, at the manifest's version, into the folder feed nuget.config lists.
/// </summary>
public sealed class SimulatorDotnetToolTests
{
    [Fact]
    public void TheToolManifestTheProjectAndTheLocalFeedAgree()
    {
        var project = XDocument.Load(Path.Combine(RepositoryPaths.Root, "src", "InfusionAudit.Simulator", "InfusionAudit.Simulator.csproj"));
        string Property(string name) => project.Descendants(name).Single().Value;
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, ".config", "dotnet-tools.json")))!;
        var nuget = XDocument.Load(Path.Combine(RepositoryPaths.Root, "nuget.config"));
        var script = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "scripts", "sim-tool.sh"));

        Property("PackAsTool").ShouldBe("true");
        var tool = manifest["tools"]![Property("PackageId").ToLowerInvariant()]!;
        tool["version"]!.GetValue<string>().ShouldBe(Property("Version"));
        tool["commands"]!.AsArray().Select(c => c!.GetValue<string>()).ShouldBe([Property("ToolCommandName")]);
        Property("ToolCommandName").ShouldBe("infusion-sim");
        var feed = nuget.Descendants("add").Single(a => a.Attribute("key")!.Value == "infusionaudit-local-tools").Attribute("value")!.Value;
        Directory.Exists(Path.Combine(RepositoryPaths.Root, feed)).ShouldBeTrue("NuGet fails on a local source that does not exist");
        script.ShouldContain($"feed={feed}\n");
    }
}
