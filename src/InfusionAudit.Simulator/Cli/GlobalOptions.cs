using System.CommandLine;
using InfusionAudit.Simulator.Transport;

namespace InfusionAudit.Simulator.Cli;

/// <summary>Options every command accepts: where the backend is.</summary>
public sealed class GlobalOptions
{
    /// <summary>Host root.</summary>
    public Option<Uri> Url { get; } = new("--url")
    {
        Description = "Host root for POST /api/events and the diagnostics counters.",
        DefaultValueFactory = _ => new Uri(ConnectionSettings.DefaultUrl),
        CustomParser = ParseUrl,
        Recursive = true,
    };

    /// <summary>Function key.</summary>
    public Option<string?> Key { get; } = new("--key")
    {
        Description = $"Function key sent as x-functions-key (default: ${ConnectionSettings.KeyVariable}).",
        Recursive = true,
    };

    /// <summary>Auditor key for reads.</summary>
    public Option<string?> ReadKey { get; } = new("--read-key")
    {
        Description = $"Auditor key for reads: rejudge and the host's diagnostics counters (default: ${ConnectionSettings.ReadKeyVariable}, else an explicit --key).",
        Recursive = true,
    };

    /// <summary>Storage connection string.</summary>
    public Option<string?> Storage { get; } = new("--storage")
    {
        Description = $"Storage connection string of the queue (default: ${ConnectionSettings.StorageVariable}, else {ConnectionSettings.DefaultStorage}).",
        Recursive = true,
    };

    /// <summary>Queue name.</summary>
    public Option<string> Queue { get; } = new("--queue")
    {
        Description = "Queue the ingest function listens on.",
        DefaultValueFactory = _ => QueueSender.DefaultQueueName,
        Recursive = true,
    };

    /// <summary>Adds the options to the root command.</summary>
    public void AddTo(Command root)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.Add(Url);
        root.Add(Key);
        root.Add(ReadKey);
        root.Add(Storage);
        root.Add(Queue);
    }

    /// <summary>Resolves options, then environment variables, then defaults.</summary>
    public ConnectionSettings Resolve(ParseResult result, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(environment);
        // Reads need an auditor: the producer key from the environment is never sent for them (it can only be
        // refused); a key given explicitly with --key still is, as before --read-key existed.
        var explicitKey = NonEmpty(result.GetValue(Key));
        return new ConnectionSettings(
            result.GetValue(Url) ?? new Uri(ConnectionSettings.DefaultUrl),
            explicitKey ?? NonEmpty(environment(ConnectionSettings.KeyVariable)),
            NonEmpty(result.GetValue(Storage)) ?? NonEmpty(environment(ConnectionSettings.StorageVariable)) ?? ConnectionSettings.DefaultStorage,
            result.GetValue(Queue) ?? QueueSender.DefaultQueueName,
            NonEmpty(result.GetValue(ReadKey)) ?? NonEmpty(environment(ConnectionSettings.ReadKeyVariable)) ?? explicitKey);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static Uri? ParseUrl(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : ConnectionSettings.DefaultUrl;
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri;
        }

        result.AddError($"--url must be an absolute http(s) URL, not '{text}'.");
        return null;
    }
}
