using System.Globalization;
using Microsoft.Playwright;

namespace InfusionAudit.Console.Tests;

/// <summary>The last API calls of one page, newest last: method, path, answer status and time taken.</summary>
internal sealed class PageNetworkLog
{
    private const int Kept = 30;
    private readonly Queue<string> lines = new();

    public void Add(IRequest request, string outcome)
    {
        if (!request.Url.Contains("/api/", StringComparison.Ordinal))
        {
            return;
        }

        // Milliseconds from the request's start to its answer's first byte; a failed request has none.
        var took = request.Timing.ResponseStart is > 0 and var first ? first.ToString("F0", CultureInfo.InvariantCulture) + " ms" : "-";
        var line = $"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {request.Method} {new Uri(request.Url).PathAndQuery} -> {outcome} ({took})";
        lock (lines)
        {
            lines.Enqueue(line);
            while (lines.Count > Kept)
            {
                lines.Dequeue();
            }
        }
    }

    public IReadOnlyList<string> Lines()
    {
        lock (lines)
        {
            return [.. lines];
        }
    }
}
