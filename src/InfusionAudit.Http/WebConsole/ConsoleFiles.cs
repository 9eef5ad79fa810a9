namespace InfusionAudit.Http.WebConsole;

/// <summary>
/// The web console's files (src/InfusionAudit.Console/wwwroot, copied to <c>console/</c> in each host's output) and
/// which of them a request path may name. Only plain relative names are resolved: every segment starts with a letter or
/// digit (no <c>..</c>, no hidden file, no drive or absolute path), no backslash, no percent sign left after the host
/// decoded the path (a double-encoded <c>%252e</c> stays a name that matches nothing), a known extension, and the full
/// path must still lie inside the folder. Anything else is "no such file".
/// </summary>
public sealed class ConsoleFiles(string root)
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".json"] = "application/json; charset=utf-8",
    };

    /// <summary>The folder the host serves from: <c>console/</c> beside the host's assemblies.</summary>
    public static string DefaultRoot => Path.Combine(AppContext.BaseDirectory, "console");

    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The file a path names (empty: index.html), with its content type; null when it names none.</summary>
    public ConsoleFile? Find(string? path)
    {
        var relative = string.IsNullOrEmpty(path) ? "index.html" : path;
        if (relative.Length > 256 || relative.Contains('\\') || relative.Contains('%') || relative.Contains(':') || relative.Contains('\0'))
        {
            return null;
        }

        var segments = relative.Split('/');
        if (!segments.All(IsPlainName))
        {
            return null;
        }

        if (!ContentTypes.TryGetValue(Path.GetExtension(relative), out var contentType))
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(Root, Path.Combine(segments)));
        if (!full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(full))
        {
            return null;
        }

        return new ConsoleFile(full, contentType);
    }

    private static bool IsPlainName(string segment) =>
        segment.Length > 0 && char.IsAsciiLetterOrDigit(segment[0]) &&
        segment.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');
}
