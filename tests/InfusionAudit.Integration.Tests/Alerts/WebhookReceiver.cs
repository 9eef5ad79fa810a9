using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;

namespace InfusionAudit.Integration.Tests.Alerts;

/// <summary>
/// A real HTTP listener on loopback standing in for PagerDuty: records every request body and answers with the
/// status codes given, in turn (202 once they run out).
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentQueue<HttpStatusCode> answers;
    private readonly Task loop;

    public WebhookReceiver(int port, params HttpStatusCode[] answers)
    {
        this.answers = new ConcurrentQueue<HttpStatusCode>(answers);
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        loop = Task.Run(RunAsync);
    }

    /// <summary>Bodies of requests answered 2xx.</summary>
    public ConcurrentQueue<JsonNode> Bodies { get; } = new();

    /// <summary>Every request, with the status it got.</summary>
    public ConcurrentQueue<(JsonNode Body, HttpStatusCode Status)> Requests { get; } = new();

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        try
        {
            await loop;
        }
        catch (HttpListenerException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task RunAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream);
            var body = JsonNode.Parse(await reader.ReadToEndAsync())!;
            var status = answers.TryDequeue(out var next) ? next : HttpStatusCode.Accepted;
            Requests.Enqueue((body, status));
            if ((int)status < 300)
            {
                Bodies.Enqueue(body);
            }

            context.Response.StatusCode = (int)status;
            await context.Response.OutputStream.WriteAsync("""{"status":"success"}"""u8.ToArray());
            context.Response.Close();
        }
    }
}
