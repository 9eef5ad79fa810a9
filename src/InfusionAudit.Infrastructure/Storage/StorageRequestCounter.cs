using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace InfusionAudit.Infrastructure.Storage;

/// <summary>
/// Counts every HTTP request the storage clients send (retries included), in total and per operation (method and
/// table or queue), so benchmarks and tests can state storage round trips per event and see where they go.
/// </summary>
public sealed class StorageRequestCounter : HttpPipelinePolicy, IStorageRequestCounts
{
    /// <summary>The message property naming the table of a <c>$batch</c> (set by TableTransactions).</summary>
    internal const string TableProperty = "InfusionAudit.Table";

    private readonly ConcurrentDictionary<string, long> byOperation = new(StringComparer.Ordinal);
    private long requests;

    /// <summary>Requests sent since the process started.</summary>
    public long Requests => Interlocked.Read(ref requests);

    /// <summary>Requests per operation, e.g. <c>POST $batch Sessions</c>, <c>GET Sessions()</c>, <c>DELETE infusion-events/messages/{id}</c>.</summary>
    public IReadOnlyDictionary<string, long> ByOperation => new SortedDictionary<string, long>(byOperation, StringComparer.Ordinal);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Count(HttpMessage message)
    {
        Interlocked.Increment(ref requests);
        var operation = Operation(message.Request);
        // Only the $batch itself: a table creation inside the same scope (the table was gone) already names its resource.
        if (operation.EndsWith("$batch", StringComparison.Ordinal) && message.TryGetProperty(TableProperty, out var table) && table is string name)
        {
            operation += " " + name;
        }

        byOperation.AddOrUpdate(operation, 1, (_, n) => n + 1);
    }

    // The path after the account name, without keys or ids: "Sessions()", "$batch", "infusion-events/messages".
    private static string Operation(Request request)
    {
        var path = request.Uri.Path.Trim('/');
        var segments = path.Split('/');
        var start = segments.Length > 1 && segments[0] == "devstoreaccount1" ? 1 : 0;
        var resource = string.Join('/', segments.Skip(start).Take(2).Select(s => s.Contains('(', StringComparison.Ordinal) ? s[..s.IndexOf('(', StringComparison.Ordinal)] + "()" : s));
        if (segments.Length > start + 2 && resource.EndsWith("/messages", StringComparison.Ordinal))
        {
            resource += "/{id}";
        }

        return $"{request.Method} {resource}";
    }
}
