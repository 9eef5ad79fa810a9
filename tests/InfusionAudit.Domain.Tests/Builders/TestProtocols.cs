using System.Text.Json.Nodes;
using InfusionAudit.Domain.Protocols;

namespace InfusionAudit.Domain.Tests.Builders;

/// <summary>The repository's protocol files (protocols/*.json), found by walking up from the test binaries.</summary>
internal static class TestProtocols
{
    public const string IvId = "ketamine-iv-depression";
    public const string ScId = "ketamine-sc-depression";
    public const string InId = "esketamine-in-trd";

    private static readonly Lazy<string> LazyFolder = new(FindFolder);
    private static readonly Lazy<ProtocolLibrary> LazyLibrary = new(() => ProtocolLibrary.LoadFromDirectory(Folder));

    public static string Folder => LazyFolder.Value;

    public static ProtocolLibrary Library => LazyLibrary.Value;

    /// <summary>Every repository protocol file as (name, JSON) the way <see cref="ProtocolLibrary.LoadFromDirectory"/> names them (the schema is not one).</summary>
    public static List<(string Name, string Json)> Files() =>
        [.. Directory.GetFiles(Folder, "*.v*.json").Order(StringComparer.Ordinal).Select(path => ($"protocols/{Path.GetFileName(path)}", File.ReadAllText(path)))];

    public static JsonObject Node(string id, int version = 1) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, $"{id}.v{version}.json")))!.AsObject();

    /// <summary>The repository files plus (or replacing, by name) the given ones.</summary>
    public static ProtocolLibrary LibraryWith(params (string Name, JsonObject Json)[] files)
    {
        var all = Files();
        foreach (var (name, json) in files)
        {
            all.RemoveAll(file => file.Name == name);
            all.Add((name, json.ToJsonString()));
        }

        return ProtocolLibrary.Load(all);
    }

    /// <summary>A library whose <paramref name="id"/> protocol is edited by <paramref name="edit"/> (same version, same file name).</summary>
    public static ProtocolLibrary LibraryWithEdited(string id, Action<JsonObject> edit)
    {
        var node = Node(id);
        edit(node);
        return LibraryWith(($"protocols/{id}.v1.json", node));
    }

    private static string FindFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "protocols");
            if (Directory.Exists(candidate) && File.Exists(Path.Combine(candidate, $"{IvId}.v1.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("protocols/ folder not found above " + AppContext.BaseDirectory);
    }
}
