using Azure.Storage.Queues.Models;

namespace InfusionAudit.LocalHost.Queues;

/// <summary>
/// The local host's hold on one queue message while it is processed: the latest pop receipt (every visibility update
/// changes it) and the loop that keeps the message invisible for one more hold at a time until it is deleted or released.
/// </summary>
internal sealed class MessageHold(QueueMessage received) : IDisposable
{
    private readonly CancellationTokenSource stop = new();

    /// <summary>The message as last updated: its pop receipt is the one a delete or release must use.</summary>
    public QueueMessage Current { get; set; } = received;

    public CancellationToken Stopping => stop.Token;

    public Task Renewing { get; set; } = Task.CompletedTask;

    /// <summary>Ends the renewals and waits for one in flight, so that <see cref="Current"/> is final.</summary>
    public async Task<QueueMessage> ReleaseAsync()
    {
        await stop.CancelAsync();
        try
        {
            await Renewing;
        }
        catch (OperationCanceledException)
        {
            // The renewal loop ends by cancellation.
        }

        Dispose();
        return Current;
    }

    public void Dispose() => stop.Dispose();
}
