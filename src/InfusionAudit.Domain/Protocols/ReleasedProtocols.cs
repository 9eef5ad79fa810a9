using System.Security.Cryptography;

namespace InfusionAudit.Domain.Protocols;

/// <summary>
/// The protocol files a clinic has released, each with the SHA-256 of its bytes (<c>protocols/released.sha256</c>, in
/// <c>sha256sum</c>'s format, so <c>sha256sum -c released.sha256</c> checks it too). Findings name the protocol version
/// they were judged against, so a released file must never change: a changed or missing one stops the load, and a
/// clinic adds a version instead. A file not listed loads as a draft.
/// </summary>
public sealed class ReleasedProtocols
{
    /// <summary>The list's file name, beside the protocol files.</summary>
    public const string FileName = "released.sha256";

    private readonly Dictionary<string, string> digests;

    private ReleasedProtocols(Dictionary<string, string> digests) => this.digests = digests;

    /// <summary>Nothing released: every file is a draft.</summary>
    public static ReleasedProtocols None { get; } = new(new Dictionary<string, string>(StringComparer.Ordinal));

    /// <summary>The file names listed, ordinal order.</summary>
    public IReadOnlyList<string> Files => [.. digests.Keys.Order(StringComparer.Ordinal)];

    /// <summary>True when <paramref name="fileName"/> is listed.</summary>
    public bool IsReleased(string fileName) => digests.ContainsKey(fileName);

    /// <summary>
    /// Reads the list: one line per file, <c>&lt;64 hex digits&gt;  &lt;file name&gt;</c> (one or two spaces, or a space and
    /// <c>*</c>); empty lines and lines starting with <c>#</c> are skipped. Each malformed line is a problem.
    /// </summary>
    public static ReleasedProtocols Parse(string text, string listName, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(problems);
        var digests = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var digest = line.Length > 64 ? line[..64] : line;
            var name = line.Length > 66 && line[64] == ' ' && line[65] is ' ' or '*' ? line[66..] : null;
            if (name is null || !IsHex(digest) || name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal))
            {
                problems.Add($"{listName} line {i + 1}: expected \"<SHA-256 as 64 hex digits>  <file name>\"");
            }
            else if (!digests.TryAdd(name, digest.ToLowerInvariant()))
            {
                problems.Add($"{listName} line {i + 1}: {name} is listed twice");
            }
        }

        return new ReleasedProtocols(digests);
    }

    /// <summary>
    /// Checks the files found against the list: a listed file must be there with the bytes it was released with.
    /// </summary>
    /// <param name="files">Each file's name (no folder) and the SHA-256 of its bytes (<see cref="Digest"/>).</param>
    /// <param name="folder">The folder's name, for the problems' text.</param>
    public void Check(IReadOnlyList<(string FileName, string Sha256)> files, string folder, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(problems);
        var found = files.ToDictionary(f => f.FileName, f => f.Sha256, StringComparer.Ordinal);
        foreach (var (name, released) in digests.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            if (!found.TryGetValue(name, out var actual))
            {
                problems.Add($"{folder}/{name}: released ({FileName}) but missing; findings judged against it could no longer be replayed, so a released version stays");
                continue;
            }

            if (actual != released)
            {
                problems.Add(
                    $"{folder}/{name}: changed since it was released (SHA-256 {actual}, released {released}); findings name this version, so it must not change: restore it and add a file with a higher version");
            }
        }
    }

    /// <summary>The SHA-256 of a file's bytes, lower-case hex.</summary>
    public static string Digest(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static bool IsHex(string text) => text.Length == 64 && text.All(c => char.IsAsciiHexDigit(c));
}
