using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.WebJobs.Host.Executors;
using Microsoft.Azure.WebJobs.Host.Queues;

namespace InfusionAudit.LocalHost.Queues;

/// <summary>
/// The WebJobs queue processor, with two changes for the local host.
/// <para>
/// Short hold: the WebJobs listener receives every message for a fixed 10 minutes (not configurable), so the messages
/// a killed host held stayed invisible that long, and sessions were judged meanwhile with holes (false pages). Before
/// a message is processed its visibility is cut to <see cref="Hold"/> and renewed every <see cref="RenewEvery"/> until
/// it is deleted or released: a dead host's messages come back within one hold.
/// </para>
/// <para>
/// Outage tolerance: deleting or releasing a message while storage is down waits for storage instead of throwing.
/// Thrown, the failure escapes the listener as an unhandled exception and the WebJobs SDK ends the process: in Azure
/// the Functions host restarts its worker, locally nothing does and ingestion stops for good. A message whose hold
/// ran out meanwhile (renewals fail too) may be received again; its first delivery's delete then finds the message
/// no longer ours and leaves it to the second, and ingestion is idempotent, so nothing is stored twice.
/// </para>
/// </summary>
internal sealed partial class OutageTolerantQueueProcessor(QueueProcessorOptions options, TimeSpan outageTolerance, TimeSpan hold, TimeSpan renewEvery)
    : QueueProcessor(options)
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(5);

    /// <summary>As long as the SDK's own hold: a message never completed (it cannot happen, but a leak must end) goes back to the queue.</summary>
    private static readonly TimeSpan LongestHold = TimeSpan.FromMinutes(10);

    private readonly ILogger logger = options.Logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
    private readonly QueueClient queue = options.Queue;
    private readonly ConcurrentDictionary<string, MessageHold> holds = new(StringComparer.Ordinal);

    /// <summary>How long a delete or release keeps trying through an outage before it leaves the message to redelivery.</summary>
    public TimeSpan OutageTolerance { get; } = outageTolerance;

    /// <summary>How long a message stays invisible after each renewal: what a crash delays it by at most.</summary>
    public TimeSpan Hold { get; } = hold;

    public TimeSpan RenewEvery { get; } = renewEvery;

    protected override async Task<bool> BeginProcessingMessageAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        if (!await base.BeginProcessingMessageAsync(message, cancellationToken))
        {
            return false;
        }

        var held = new MessageHold(message);
        await RenewAsync(held);
        held.Renewing = KeepHoldingAsync(held);
        holds[message.MessageId] = held;
        return true;
    }

    protected override async Task DeleteMessageAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        var current = await LetGoAsync(message);
        await ThroughOutageAsync("delete", current, () => base.DeleteMessageAsync(current, cancellationToken), cancellationToken);
    }

    protected override async Task ReleaseMessageAsync(QueueMessage message, FunctionResult result, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        var current = await LetGoAsync(message);
        await ThroughOutageAsync("release", current, () => base.ReleaseMessageAsync(current, result, visibilityTimeout, cancellationToken), cancellationToken);
    }

    /// <summary>Ends the renewals; the message with its latest pop receipt, which the delete or release must use.</summary>
    private async Task<QueueMessage> LetGoAsync(QueueMessage message) =>
        holds.TryRemove(message.MessageId, out var held) ? await held.ReleaseAsync() : message;

    private async Task KeepHoldingAsync(MessageHold held)
    {
        var until = DateTimeOffset.UtcNow + LongestHold;
        while (DateTimeOffset.UtcNow < until)
        {
            await Task.Delay(RenewEvery, held.Stopping);
            if (!await RenewAsync(held))
            {
                return;
            }
        }
    }

    /// <summary>
    /// Makes the message invisible for one more <see cref="Hold"/>. Not cancelled once sent: an update that succeeds
    /// unseen would change the pop receipt behind our back. False when the message is no longer ours.
    /// </summary>
    private async Task<bool> RenewAsync(MessageHold held)
    {
        try
        {
            var receipt = await queue.UpdateMessageAsync(held.Current.MessageId, held.Current.PopReceipt, visibilityTimeout: Hold, cancellationToken: CancellationToken.None);
            held.Current = held.Current.Update(receipt.Value);
            return true;
        }
        catch (RequestFailedException ex) when (NoLongerOurs(ex))
        {
            LogLost(logger, held.Current.MessageId, ex.Status, ex.ErrorCode);
            return false;
        }
        catch (Exception ex) when (StorageOutage.Is(ex, CancellationToken.None))
        {
            // The next renewal tries again; if the hold runs out first the message is redelivered, idempotently.
            LogRenewFailed(logger, held.Current.MessageId, ex.Message);
            return true;
        }
    }

    private static bool NoLongerOurs(RequestFailedException ex) =>
        ex.Status == 404 || ex.ErrorCode == QueueErrorCode.PopReceiptMismatch.ToString() || ex.ErrorCode == QueueErrorCode.MessageNotFound.ToString();

    private async Task ThroughOutageAsync(string operation, QueueMessage message, Func<Task> attempt, CancellationToken cancellationToken)
    {
        var giveUpAt = DateTimeOffset.UtcNow + OutageTolerance;
        var pause = FirstPause;
        for (var tries = 1; ; tries++)
        {
            try
            {
                await attempt();
                if (tries > 1)
                {
                    LogRecovered(logger, operation, message.MessageId, tries);
                }

                return;
            }
            catch (RequestFailedException ex) when (NoLongerOurs(ex))
            {
                // The hold ran out (an outage outlasted it) and another delivery of the message has it: that one completes it.
                LogLost(logger, message.MessageId, ex.Status, ex.ErrorCode);
                return;
            }
            catch (Exception ex) when (StorageOutage.Is(ex, cancellationToken))
            {
                if (DateTimeOffset.UtcNow + pause > giveUpAt)
                {
                    // Left to the queue: the message reappears when its visibility ends and is ingested again, idempotently.
                    LogGaveUp(logger, operation, message.MessageId, OutageTolerance.TotalSeconds, ex);
                    return;
                }

                if (tries == 1)
                {
                    LogWaiting(logger, operation, message.MessageId, ex.Message);
                }

                await Task.Delay(pause, cancellationToken);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage unreachable for the {Operation} of queue message {MessageId}; retrying until it answers ({Reason})")]
    private static partial void LogWaiting(ILogger logger, string operation, string messageId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Queue message {MessageId}: {Operation} succeeded after {Tries} tries")]
    private static partial void LogRecovered(ILogger logger, string operation, string messageId, int tries);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storage still unreachable after {Seconds} s for the {Operation} of queue message {MessageId}; it will be redelivered when its visibility ends")]
    private static partial void LogGaveUp(ILogger logger, string operation, string messageId, double seconds, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the hold on queue message {MessageId} ({Reason}); trying again at the next renewal")]
    private static partial void LogRenewFailed(ILogger logger, string messageId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Queue message {MessageId} is no longer held by this host ({Status} {ErrorCode}); its other delivery completes it")]
    private static partial void LogLost(ILogger logger, string messageId, int status, string? errorCode);
}
