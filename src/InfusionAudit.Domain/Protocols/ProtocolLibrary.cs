namespace InfusionAudit.Domain.Protocols;

/// <summary>
/// Every version of every protocol, validated at load. Old versions stay loadable so that findings can be replayed
/// against the version they were judged by; a clinic changes a limit by adding a file with a higher version.
/// </summary>
public sealed class ProtocolLibrary
{
    private readonly Dictionary<string, ProtocolDefinition[]> byId;
    private readonly Dictionary<(string Id, int Version), ProtocolFile> files;

    private ProtocolLibrary(Dictionary<string, ProtocolDefinition[]> byId, Dictionary<(string Id, int Version), ProtocolFile> files, ProtocolDefinition fallback)
    {
        this.byId = byId;
        this.files = files;
        Fallback = fallback;
    }

    /// <summary>
    /// The latest version of the protocol marked <c>fallbackForUnknownProtocols</c>: its vitals and timing thresholds judge
    /// sessions whose protocol is unknown or whose <c>SessionStarted</c> has not arrived, so a typo in a protocol id does not
    /// hide a critical vital sign.
    /// </summary>
    public ProtocolDefinition Fallback { get; }

    /// <summary>All protocol ids, ordinal order.</summary>
    public IReadOnlyList<string> ProtocolIds => [.. byId.Keys.Order(StringComparer.Ordinal)];

    /// <summary>All versions of <paramref name="id"/>, ascending, or an empty list.</summary>
    public IReadOnlyList<ProtocolDefinition> Versions(string id) => byId.TryGetValue(id, out var versions) ? versions : [];

    /// <summary>The protocol <paramref name="id"/> at <paramref name="version"/>, or its latest version when null; null when absent.</summary>
    public ProtocolDefinition? Find(string id, int? version = null)
    {
        if (!byId.TryGetValue(id, out var versions))
        {
            return null;
        }

        if (version is null)
        {
            return versions[^1];
        }

        foreach (var definition in versions)
        {
            if (definition.Version == version.Value)
            {
                return definition;
            }
        }

        return null;
    }

    /// <summary>
    /// The file of a protocol version as it was written and loaded (what a clinic signed off), its digest and whether it
    /// is released; null when absent. An auditor reads the thresholds a session was judged with in the clinic's own
    /// words, not only as this code read them, and can check a copy of the file against the digest.
    /// </summary>
    public ProtocolFile? FileOf(string id, int version) => files.GetValueOrDefault((id, version));

    /// <summary>
    /// Loads every <c>*.json</c> file of <paramref name="path"/> (not recursive) except <c>*.schema.json</c>, after checking
    /// the files listed in its <see cref="ReleasedProtocols.FileName"/> (when there is one) against their released bytes.
    /// </summary>
    /// <exception cref="ProtocolLibraryException">
    /// The folder is missing or empty, a released file changed or is missing, or a file is invalid; the message lists every problem.
    /// </exception>
    public static ProtocolLibrary LoadFromDirectory(string path)
    {
        if (!Directory.Exists(path))
        {
            throw new ProtocolLibraryException($"{path}: protocol folder not found");
        }

        var folder = new DirectoryInfo(path).Name;
        // protocol.schema.json sits beside the files for editors (each file's "$schema"); it is not a protocol.
        var files = Array.FindAll(
            Directory.GetFiles(path, "*.json", SearchOption.TopDirectoryOnly),
            file => !file.EndsWith(".schema.json", StringComparison.Ordinal));
        Array.Sort(files, StringComparer.Ordinal);
        var read = files.Select(Read).ToList();
        if (read.Count == 0)
        {
            throw new ProtocolLibraryException($"{path}: no protocol files (*.json)");
        }

        var problems = new List<string>();
        var releasedPath = Path.Combine(path, ReleasedProtocols.FileName);
        var released = File.Exists(releasedPath)
            ? ReleasedProtocols.Parse(File.ReadAllText(releasedPath), $"{folder}/{ReleasedProtocols.FileName}", problems)
            : ReleasedProtocols.None;
        released.Check([.. read.Select(f => (f.FileName, f.Sha256))], folder, problems);
        if (problems.Count > 0)
        {
            throw new ProtocolLibraryException(problems);
        }

        return Load(read.Select(f => new LoadedFile($"{folder}/{f.FileName}", new ProtocolFile(Text(f.Bytes), f.Sha256, released.IsReleased(f.FileName)))));
    }

    private static (string FileName, byte[] Bytes, string Sha256) Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return (Path.GetFileName(path), bytes, ReleasedProtocols.Digest(bytes));
    }

    // As File.ReadAllText reads: UTF-8 unless a byte order mark says otherwise, the mark not part of the text.
    private static string Text(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    /// <summary>Loads protocol files given as (name, JSON text); the name is used in problems and must end in <c>&lt;id&gt;.v&lt;version&gt;.json</c>.</summary>
    /// <exception cref="ProtocolLibraryException">A file is invalid, two files define the same id and version, or no single fallback protocol is marked.</exception>
    public static ProtocolLibrary Load(IEnumerable<(string Name, string Json)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        return Load(files.Select(f => new LoadedFile(f.Name, new ProtocolFile(f.Json ?? "", ReleasedProtocols.Digest(System.Text.Encoding.UTF8.GetBytes(f.Json ?? "")), Released: false))));
    }

    private static ProtocolLibrary Load(IEnumerable<LoadedFile> loaded)
    {
        var problems = new List<string>();
        var definitions = new List<(string Name, ProtocolDefinition Definition)>();
        var files = new Dictionary<(string Id, int Version), ProtocolFile>();
        foreach (var file in loaded)
        {
            var definition = ProtocolFileReader.Read(file.Name, file.File.Text, problems);
            if (definition is not null)
            {
                definitions.Add((file.Name, definition));
                files.TryAdd((definition.Id, definition.Version), file.File);
            }
        }

        var byId = new Dictionary<string, List<(string Name, ProtocolDefinition Definition)>>(StringComparer.Ordinal);
        foreach (var item in definitions)
        {
            if (!byId.TryGetValue(item.Definition.Id, out var list))
            {
                byId[item.Definition.Id] = list = [];
            }

            var clash = list.FindIndex(other => other.Definition.Version == item.Definition.Version);
            if (clash >= 0)
            {
                problems.Add($"{item.Name}: {item.Definition.Id} version {item.Definition.Version} is already defined by {list[clash].Name}");
                continue;
            }

            list.Add(item);
        }

        var result = new Dictionary<string, ProtocolDefinition[]>(StringComparer.Ordinal);
        var fallbacks = new List<(string Name, ProtocolDefinition Definition)>();
        foreach (var (id, list) in byId)
        {
            list.Sort((a, b) => a.Definition.Version.CompareTo(b.Definition.Version));
            result[id] = [.. list.Select(item => item.Definition)];
            if (list[^1].Definition.FallbackForUnknownProtocols)
            {
                fallbacks.Add(list[^1]);
            }
        }

        if (problems.Count == 0 && result.Count == 0)
        {
            problems.Add("no protocol files were given");
        }
        else if (problems.Count == 0 && fallbacks.Count != 1)
        {
            problems.Add(fallbacks.Count == 0
                ? "no protocol's latest version sets fallbackForUnknownProtocols: true; exactly one must (its vitals and timing thresholds judge sessions whose protocol is unknown)"
                : $"{string.Join(", ", fallbacks.Select(f => f.Name))}: fallbackForUnknownProtocols is true on more than one protocol; exactly one may be");
        }

        if (problems.Count > 0)
        {
            throw new ProtocolLibraryException(problems);
        }

        return new ProtocolLibrary(result, files, fallbacks[0].Definition);
    }

    private sealed record LoadedFile(string Name, ProtocolFile File);
}
