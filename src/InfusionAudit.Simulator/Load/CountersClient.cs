using System.Net.Http.Json;
using System.Text.Json;
using InfusionAudit.Simulator.Transport;

namespace InfusionAudit.Simulator.Load;

/// <summary>Reads <see cref="PipelineCounters"/> from a running host.</summary>
public sealed class CountersClient : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _http;
    private readonly bool _ownsClient;
    private readonly Uri _endpoint;

    /// <summary>Creates a client for the host at <paramref name="baseUrl"/>.</summary>
    /// <param name="baseUrl">Host root, e.g. <c>http://127.0.0.1:7071</c>.</param>
    /// <param name="functionKey">Sent as <c>x-functions-key</c> when given.</param>
    /// <param name="http">A client to use; by default this owns one.</param>
    public CountersClient(Uri baseUrl, string? functionKey, HttpClient? http = null)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        _endpoint = new Uri(HttpSender.EnsureTrailingSlash(baseUrl), "api/diagnostics/counters");
        _ownsClient = http is null;
        _http = http ?? new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
        if (!string.IsNullOrEmpty(functionKey))
        {
            _http.DefaultRequestHeaders.Remove(HttpSender.KeyHeader);
            _http.DefaultRequestHeaders.Add(HttpSender.KeyHeader, functionKey);
        }
    }

    /// <summary>The counters URL.</summary>
    public Uri Endpoint => _endpoint;

    /// <summary>Reads the counters now.</summary>
    /// <exception cref="HttpRequestException">The host is unreachable or answered an error.</exception>
    public async Task<PipelineCounters> GetAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(_endpoint, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<PipelineCounters>(Json, cancellationToken)
            ?? throw new HttpRequestException($"{_endpoint} answered an empty body.");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsClient)
        {
            _http.Dispose();
        }
    }
}
