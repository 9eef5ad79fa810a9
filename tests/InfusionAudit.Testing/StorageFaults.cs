using System.Text;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace InfusionAudit.Testing;

/// <summary>
/// Fails one chosen storage write with a 503, as Azure does when it is busy. Added to the storage clients before their
/// retry policy, so the SDK does not hide the failure: the handlers see it as they would see a 503 that outlasted the
/// retries. Only writes that name a marker (a session id) in their URI or body count, so other tests and the host's
/// timers sharing the account do not move the target.
/// </summary>
public sealed class StorageFaults : HttpPipelinePolicy
{
    private readonly Lock gate = new();
    private string? marker;
    private int failAt;
    private bool afterSending;
    private int seen;

    /// <summary>Where the fault strikes a write.</summary>
    public enum Mode
    {
        /// <summary>The request never reaches storage.</summary>
        BeforeSending,

        /// <summary>Storage did the write, but its answer is lost: the caller sees a 503.</summary>
        AfterSending,
    }

    /// <summary>Writes that named the marker since it was armed.</summary>
    public int Seen
    {
        get
        {
            lock (gate)
            {
                return seen;
            }
        }
    }

    /// <summary>True once the armed fault struck.</summary>
    public bool Fired { get; private set; }

    /// <summary>Fails the <paramref name="step"/>-th write (1-based) naming <paramref name="writeMarker"/>; 0 only counts.</summary>
    public void Arm(string writeMarker, int step, Mode mode)
    {
        lock (gate)
        {
            marker = writeMarker;
            failAt = step;
            afterSending = mode == Mode.AfterSending;
            seen = 0;
            Fired = false;
        }
    }

    public void Disarm()
    {
        lock (gate)
        {
            marker = null;
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var strike = Strikes(message.Request);
        if (strike == Mode.BeforeSending)
        {
            throw Injected();
        }

        await ProcessNextAsync(message, pipeline);
        if (strike == Mode.AfterSending)
        {
            throw Injected();
        }
    }

    /// <summary>How the fault strikes this request, or null when it does not.</summary>
    private Mode? Strikes(Request request)
    {
        if (request.Method == RequestMethod.Get || request.Method == RequestMethod.Head)
        {
            return null;
        }

        lock (gate)
        {
            if (marker is null || !Names(request, marker))
            {
                return null;
            }

            seen++;
            if (seen != failAt)
            {
                return null;
            }

            Fired = true;
            return afterSending ? Mode.AfterSending : Mode.BeforeSending;
        }
    }

    private static bool Names(Request request, string marker)
    {
        if (Uri.UnescapeDataString(request.Uri.ToString()).Contains(marker, StringComparison.Ordinal))
        {
            return true;
        }

        if (request.Content is not { } content)
        {
            return false;
        }

        using var body = new MemoryStream();
        content.WriteTo(body, CancellationToken.None);
        return Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length).Contains(marker, StringComparison.Ordinal);
    }

    private static RequestFailedException Injected() =>
        new(503, "Injected fault: the server is busy.", "ServerBusy", null);
}
