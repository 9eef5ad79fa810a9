using System.Net;
using System.Net.Http.Headers;
using System.Text;
using InfusionAudit.Simulator.Batching;

namespace InfusionAudit.Simulator.Transport;

/// <summary>
/// Sends messages to <c>POST {url}/api/events</c> and counts the per-event verdicts; HL7 messages go to
/// <c>POST {url}/api/hl7v2</c> (ER7 as <c>text/plain</c>, several MLLP-framed) and their ACKs are counted instead.
/// </summary>
public sealed class HttpSender : IMessageSender
{
    /// <summary>The Functions host's key header.</summary>
    public const string KeyHeader = "x-functions-key";

    private const int MaxAttempts = 4;
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };
    private static readonly MediaTypeHeaderValue Er7ContentType = new("text/plain") { CharSet = "utf-8" };

    private readonly HttpClient _http;
    private readonly bool _ownsClient;
    private readonly Uri _endpoint;
    private readonly Uri _hl7Endpoint;

    /// <summary>Creates a sender for the host at <paramref name="baseUrl"/>.</summary>
    /// <param name="baseUrl">Host root, e.g. <c>http://127.0.0.1:7071</c>.</param>
    /// <param name="functionKey">Sent as <c>x-functions-key</c> when given.</param>
    /// <param name="http">A client to use (tests, shared handlers); by default the sender owns one.</param>
    public HttpSender(Uri baseUrl, string? functionKey, HttpClient? http = null)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        _endpoint = new Uri(EnsureTrailingSlash(baseUrl), "api/events");
        _hl7Endpoint = new Uri(EnsureTrailingSlash(baseUrl), "api/hl7v2");
        _ownsClient = http is null;
        _http = http ?? new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { Timeout = TimeSpan.FromSeconds(100) };
        if (!string.IsNullOrEmpty(functionKey))
        {
            _http.DefaultRequestHeaders.Remove(KeyHeader);
            _http.DefaultRequestHeaders.Add(KeyHeader, functionKey);
        }
    }

    /// <inheritdoc />
    public string Destination => $"POST {_endpoint}";

    /// <summary>Appends the slash that makes relative paths land under the base rather than replace its last segment.</summary>
    public static Uri EnsureTrailingSlash(Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        return baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
    }

    /// <inheritdoc />
    public Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var endpoint = message.IsHl7 ? _hl7Endpoint : _endpoint;
        for (var attempt = 1; ; attempt++)
        {
            string failure;
            try
            {
                using var content = new StringContent(message.Text, Encoding.UTF8);
                content.Headers.ContentType = message.IsHl7 ? Er7ContentType : JsonContentType;
                using var response = await _http.PostAsync(endpoint, content, cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                var status = (int)response.StatusCode;

                if (response.IsSuccessStatusCode && message.IsHl7)
                {
                    // Every HL7 message is answered by an ACK, refusals included (AE/AR/CE/CR): counted as rejections.
                    return Hl7.Hl7AckReader.Outcome(body, message.EventCount, endpoint.ToString());
                }

                if (response.IsSuccessStatusCode)
                {
                    // A body without results still means "taken"; the verdicts then only show in the counters.
                    return IngestResponse.Parse(body, message.EventCount) ?? SendOutcome.Queued(message.EventCount);
                }

                if (response.StatusCode == HttpStatusCode.BadRequest)
                {
                    // A message refused as a whole (not JSON, too many events) rejects everything in it.
                    return IngestResponse.Parse(body, message.EventCount)
                        ?? new SendOutcome(message.EventCount, HasResults: true, 0, 0, message.EventCount);
                }

                if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
                {
                    throw new SendFailedException($"{status} {response.ReasonPhrase} from {endpoint}: check --url and --key.", fatal: true);
                }

                if (status is not (408 or 429) && status < 500)
                {
                    throw new SendFailedException($"{status} {response.ReasonPhrase} from {endpoint}: {Truncate(body)}", fatal: false);
                }

                failure = $"{status} {response.ReasonPhrase}";
            }
            catch (HttpRequestException ex)
            {
                failure = ex.Message;
                if (attempt == MaxAttempts)
                {
                    throw new SendFailedException($"{endpoint} unreachable after {attempt} attempts: {failure}", fatal: true, ex);
                }
            }
            catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                failure = "timed out";
                if (attempt == MaxAttempts)
                {
                    throw new SendFailedException($"{endpoint} timed out {attempt} times.", fatal: false, ex);
                }
            }

            if (attempt == MaxAttempts)
            {
                throw new SendFailedException($"{endpoint} answered {failure} {attempt} times.", fatal: false);
            }

            // Producers retry (the contract's at-least-once): a retried message that did land is answered duplicate.
            await Task.Delay(TimeSpan.FromMilliseconds(200 * (1 << attempt)), cancellationToken);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        if (_ownsClient)
        {
            _http.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
