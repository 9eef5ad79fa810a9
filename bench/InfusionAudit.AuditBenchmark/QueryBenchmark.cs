using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using InfusionAudit.Infrastructure.Storage;

namespace InfusionAudit.AuditBenchmark;

/// <summary>Times audit routes over HTTP against the in-process local host, one request at a time, and counts the table requests each made.</summary>
internal sealed class QueryBenchmark(Uri baseAddress, string auditorKey, StorageRequestCounter counter)
{
    private readonly HttpClient client = Client(baseAddress, auditorKey);

    public async Task<Latencies> SessionLookupsAsync(string name, IReadOnlyList<string> sessionIds, string suffix, int count, CancellationToken cancellationToken)
    {
        var random = new Random(7);
        var result = new Latencies(name);
        for (var i = 0; i < count + Warmup; i++)
        {
            var id = sessionIds[random.Next(sessionIds.Count)];
            var (elapsed, requests, _) = await GetAsync($"/api/sessions/{id}{suffix}", cancellationToken);
            if (i >= Warmup)
            {
                result.Add(elapsed, requests);
            }
        }

        return result;
    }

    /// <summary>Walks the pages of a list route, starting over at the first page when the last is reached.</summary>
    public async Task<Latencies> PagesAsync(string name, string firstPage, int count, CancellationToken cancellationToken)
    {
        var result = new Latencies(name);
        string? token = null;
        for (var i = 0; i < count + Warmup; i++)
        {
            var url = token is null ? firstPage : firstPage + "&continuationToken=" + Uri.EscapeDataString(token);
            var (elapsed, requests, body) = await GetAsync(url, cancellationToken);
            token = JsonNode.Parse(body)!["continuationToken"]?.GetValue<string>();
            if (i >= Warmup)
            {
                result.Add(elapsed, requests);
            }
        }

        return result;
    }

    public async Task<(Latencies Latencies, JsonNode Last)> RepeatAsync(string name, string url, int count, CancellationToken cancellationToken)
    {
        var result = new Latencies(name);
        var body = "";
        for (var i = 0; i < count + 1; i++)
        {
            (var elapsed, var requests, body) = await GetAsync(url, cancellationToken);
            if (i >= 1)
            {
                result.Add(elapsed, requests);
            }
        }

        return (result, JsonNode.Parse(body)!);
    }

    private const int Warmup = 5;

    private async Task<(TimeSpan Elapsed, long TableRequests, string Body)> GetAsync(string url, CancellationToken cancellationToken)
    {
        var before = TableRequests();
        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync(url, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        clock.Stop();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}: {body}");
        }

        return (clock.Elapsed, TableRequests() - before, body);
    }

    // Queue polling by the host's trigger runs meanwhile; table operations are the queries' own (timers are off).
    private long TableRequests() => counter.ByOperation.Where(o => !o.Key.Contains("/messages", StringComparison.Ordinal)).Sum(o => o.Value);

    private static HttpClient Client(Uri baseAddress, string key)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Add("x-functions-key", key);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }
}
