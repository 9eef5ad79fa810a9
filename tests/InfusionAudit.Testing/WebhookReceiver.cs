using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;

namespace InfusionAudit.Testing;

/// <summary>
/// A real HTTP listener on loopback standing in for PagerDuty: records every request body and answers with the
/// status codes given, in turn (202 once they run out). Requests are handled concurrently; with
/// <see cref="HoldFirstAnswer"/> the first request is recorded at once but answered only when the test releases it
/// (a slow webhook whose interleaving the test controls).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentQueue<HttpStatusCode> answers;
    private readonly Task loop;
    private int received;

    public WebhookReceiver(int port, params HttpStatusCode[] answers)
    {
        this.answers = new ConcurrentQueue<HttpStatusCode>(answers);
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        loop = Task.Run(RunAsync);
    }

    /// <summary>Set by the first request when its answer is held.</summary>
    public TaskCompletionSource FirstArrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completing it lets the held first answer go.</summary>
    public TaskCompletionSource ReleaseFirst { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Hold the answer to the first request until <see cref="ReleaseFirst"/> completes.</summary>
    public bool HoldFirstAnswer { get; init; }

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
        var handlers = new List<Task>();
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                ReleaseFirst.TrySetResult();
                await Task.WhenAll(handlers).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            }

            handlers.Add(Task.Run(() => AnswerAsync(context)));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream);
        var body = JsonNode.Parse(await reader.ReadToEndAsync())!;
        var status = answers.TryDequeue(out var next) ? next : HttpStatusCode.Accepted;
        var first = Interlocked.Increment(ref received) == 1;
        Requests.Enqueue((body, status));
        if ((int)status < 300)
        {
            Bodies.Enqueue(body);
        }

        if (first && HoldFirstAnswer)
        {
            FirstArrived.TrySetResult();
            await ReleaseFirst.Task;
        }

        try
        {
            context.Response.StatusCode = (int)status;
            await context.Response.OutputStream.WriteAsync("""{"status":"success"}"""u8.ToArray());
            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
            // The client gave up (or the listener stopped) while the answer was held.
        }
    }
}
