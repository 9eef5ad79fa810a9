using System.Text.Json.Nodes;

namespace InfusionAudit.Infra.Tests.Bicep;

/// <summary>
/// main.bicep compiled to ARM JSON, and the deployment snapshot of each environment's parameters file: the resources
/// Azure would be asked to create, with parameters and names evaluated (only runtime <c>reference()</c>s stay expressions).
/// Built once for the classes of <see cref="CompiledInfraCollection"/> (each build and snapshot is a Bicep CLI process of a
/// few seconds of CPU, so not once per class).
/// </summary>
public sealed class CompiledInfra : IAsyncLifetime
{
    public const string SubscriptionId = "00000000-0000-0000-0000-00000000aaaa";
    public const string TenantId = "00000000-0000-0000-0000-00000000bbbb";
    public const string ResourceGroup = "rg-infusionaudit-test";
    public const string AuthClientId = "11111111-2222-3333-4444-555555555555";

    private readonly Dictionary<string, JsonObject> snapshots = new(StringComparer.Ordinal);

    public JsonObject Template { get; private set; } = null!;

    public IReadOnlyCollection<string> Environments => snapshots.Keys;

    public JsonObject Snapshot(string environment) => snapshots[environment];

    public async ValueTask InitializeAsync()
    {
        var build = await BicepCli.RunAsync("build", "main.bicep", "--stdout");
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"main.bicep does not build: {build}");
        }

        Template = JsonNode.Parse(build.StandardOutput)!.AsObject();

        // snapshot writes NAME.snapshot.json beside the parameters file: work on a copy, never in the repository.
        var copy = Directory.CreateTempSubdirectory("infra-snapshot-");
        try
        {
            CopyDirectory(BicepCli.InfraDirectory, copy.FullName);
            foreach (var file in Directory.GetFiles(copy.FullName, "*.bicepparam"))
            {
                var name = Path.GetFileNameWithoutExtension(file);
                var result = await BicepCli.RunInAsync(
                    copy.FullName,
                    new Dictionary<string, string> { ["INFUSIONAUDIT_AUTH_CLIENT_ID"] = AuthClientId },
                    "snapshot", Path.GetFileName(file), "--mode", "overwrite",
                    "--subscription-id", SubscriptionId, "--tenant-id", TenantId,
                    "--resource-group", ResourceGroup, "--location", "westeurope");
                if (result.ExitCode != 0)
                {
                    throw new InvalidOperationException($"bicep snapshot {name}.bicepparam failed: {result}");
                }

                snapshots[name] = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(copy.FullName, name + ".snapshot.json")))!.AsObject();
            }
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>The predicted resources of one environment, of one type.</summary>
    public IReadOnlyList<JsonObject> Resources(string environment, string type) =>
        [.. Snapshot(environment)["predictedResources"]!.AsArray().Select(r => r!.AsObject()).Where(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase))];

    public JsonObject Single(string environment, string type) => Resources(environment, type).ShouldHaveSingleItem();

    /// <summary>The main template and every nested module template, for checks that hold at every level.</summary>
    public IEnumerable<JsonObject> AllTemplates()
    {
        var pending = new Stack<JsonObject>([Template]);
        while (pending.TryPop(out var template))
        {
            yield return template;
            foreach (var resource in ResourceNodes(template))
            {
                if (resource["properties"] is JsonObject properties && properties["template"] is JsonObject nested)
                {
                    pending.Push(nested);
                }
            }
        }
    }

    /// <summary>Resources of a compiled template; languageVersion 2.0 keys them by symbolic name, 1.0 lists them.</summary>
    public static IEnumerable<JsonObject> ResourceNodes(JsonObject template) => template["resources"] switch
    {
        JsonObject byName => byName.Select(p => p.Value!.AsObject()),
        JsonArray list => list.Select(r => r!.AsObject()),
        _ => [],
    };

    internal static void CopyDirectory(string from, string to)
    {
        foreach (var directory in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        }

        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            if (!file.EndsWith(".snapshot.json", StringComparison.Ordinal))
            {
                File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
            }
        }
    }
}
