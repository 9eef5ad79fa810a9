using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace InfusionAudit.Infra.Tests.Bicep;

/// <summary>
/// A first deployment into an empty resource group works: ARM reads an <c>existing</c> resource (languageVersion 2.0) as
/// soon as nothing it depends on is pending, so an <c>existing</c> read of a resource the same deployment creates must
/// wait for its creator through <c>dependsOn</c> (its own, or its module's), or it fails with NotFound on the first run
/// and only "works" on the second.
/// </summary>
[Collection(CompiledInfraCollection.Name)]
public sealed partial class DeploymentOrderTests(CompiledInfra infra)
{
    [Fact]
    public void NoExistingResourceIsReadBeforeTheDeploymentThatCreatesItHasRun()
    {
        var all = Flatten(infra.Template, []).ToList();
        var created = all.Where(r => !r.Existing).ToList();
        var premature = new List<string>();

        foreach (var read in all.Where(r => r.Existing))
        {
            foreach (var creator in created.Where(c => string.Equals(c.Type, read.Type, StringComparison.OrdinalIgnoreCase)))
            {
                if (!Waits(read, creator))
                {
                    premature.Add($"{Describe(read)} ({read.Type}) is read without waiting for {Describe(creator)}, which creates it");
                }
            }
        }

        created.ShouldContain(c => c.Type == "Microsoft.Web/sites", "the check needs the template's creators");
        premature.ShouldBeEmpty();
    }

    [Fact]
    public void TheCheckFindsAnExistingReadThatDoesNotWaitForItsCreator()
    {
        // Guards the guard on a template of the defect's shape: a module creates the site, the root reads it as existing.
        var template = JsonNode.Parse("""
            {
              "languageVersion": "2.0",
              "resources": {
                "site": { "type": "Microsoft.Web/sites", "existing": true, "name": "x" },
                "settings": { "type": "Microsoft.Web/sites/config", "dependsOn": [ "site", "app" ] },
                "app": { "type": "Microsoft.Resources/deployments", "properties": { "template": {
                  "languageVersion": "2.0",
                  "resources": { "site": { "type": "Microsoft.Web/sites", "name": "x" } } } } }
              }
            }
            """)!.AsObject();
        var all = Flatten(template, []).ToList();
        var read = all.Single(r => r.Existing);
        var creator = all.Single(r => !r.Existing && r.Type == "Microsoft.Web/sites");

        Waits(read, creator).ShouldBeFalse();
        template["resources"]!["site"]!.AsObject()["dependsOn"] = new JsonArray("app");
        Waits(Flatten(template, []).Single(r => r.Existing), creator).ShouldBeTrue();
    }

    /// <summary>Whether <paramref name="read"/> cannot start before <paramref name="creator"/> has finished.</summary>
    private static bool Waits(TemplateResource read, TemplateResource creator)
    {
        // At the deepest template both sit in, the read's side must depend (transitively) on the creator's side.
        var common = 0;
        while (common < read.Path.Count && common < creator.Path.Count && read.Path[common] == creator.Path[common])
        {
            common++;
        }

        var readSide = common < read.Path.Count ? read.Path[common] : read.Name;
        var creatorSide = common < creator.Path.Count ? creator.Path[common] : creator.Name;
        var scope = common < read.Path.Count ? read.Ancestors[common] : read.Template;
        return readSide != creatorSide && DependsOn(scope, readSide, creatorSide);
    }

    private static bool DependsOn(JsonObject template, string from, string to)
    {
        var resources = template["resources"]!.AsObject();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([from]);
        while (pending.TryPop(out var name))
        {
            if (!seen.Add(name) || resources[name] is not JsonObject resource)
            {
                continue;
            }

            foreach (var dependency in Dependencies(resource))
            {
                if (dependency == to)
                {
                    return true;
                }

                pending.Push(dependency);
            }
        }

        return false;
    }

    private static IEnumerable<string> Dependencies(JsonObject resource) =>
        (resource["dependsOn"] as JsonArray ?? [])
            .Select(d => SymbolicName().Match((string)d!))
            .Where(m => m.Success)
            .Select(m => m.Groups["name"].Value);

    /// <summary>Every resource of the template and of its modules, with the chain of module names that leads to it.</summary>
    private static IEnumerable<TemplateResource> Flatten(JsonObject template, IReadOnlyList<(string Module, JsonObject Template)> ancestors)
    {
        if (template["resources"] is not JsonObject resources)
        {
            throw new InvalidOperationException("Expected a languageVersion 2.0 template (resources keyed by symbolic name).");
        }

        foreach (var (name, node) in resources)
        {
            var resource = node!.AsObject();
            var type = (string)resource["type"]!;
            var path = ancestors.Select(a => a.Module).ToList();
            var chain = ancestors.Select(a => a.Template).ToList();
            yield return new TemplateResource(name, type, resource["existing"] is JsonValue e && e.GetValue<bool>(), path, chain, template);
            if (resource["properties"] is JsonObject properties && properties["template"] is JsonObject nested)
            {
                foreach (var inner in Flatten(nested, [.. ancestors, (name, template)]))
                {
                    yield return inner;
                }
            }
        }
    }

    private static string Describe(TemplateResource resource) =>
        resource.Path.Count == 0 ? resource.Name : $"{string.Join('/', resource.Path)}/{resource.Name}";

    // "site", "storage::queueService" or, for a copy loop, "[format('onCall[{0}]', copyIndex())]".
    [GeneratedRegex(@"^(\[format\(')?(?<name>[A-Za-z_][A-Za-z0-9_:]*)")]
    private static partial Regex SymbolicName();

    /// <param name="Path">Module symbolic names from the root template down to the one holding the resource.</param>
    /// <param name="Ancestors">The template each of those modules is declared in (Ancestors[i] declares Path[i]).</param>
    private sealed record TemplateResource(string Name, string Type, bool Existing, IReadOnlyList<string> Path, IReadOnlyList<JsonObject> Ancestors, JsonObject Template);
}
