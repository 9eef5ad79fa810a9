using Azure.Storage.Queues.Models;
using Microsoft.Azure.WebJobs.Host.Executors;
using Microsoft.Azure.WebJobs.Host.Queues;

namespace InfusionAudit.LocalHost.Queues;

/// <summary>
/// The WebJobs queue processor, except that deleting or releasing a message while storage is down waits for storage
/// instead of throwing. Thrown, the failure escapes the listener as an unhandled exception and the WebJobs SDK ends
/// the process: in Azure the Functions host restarts its worker, locally nothing does and ingestion stops for good.
/// Waiting is safe: the message stays invisible (the listener's receive visibility) while the host holds it, and
/// a message that is redelivered anyway (the outage outlasted <see cref="OutageTolerance"/>) is ingested idempotently.
/// </summary>
internal sealed partial class OutageTolerantQueueProcessor(QueueProcessorOptions options, TimeSpan outageTolerance) : QueueProcessor(options)
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(5);
    private readonly ILogger logger = options.Logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    /// <summary>How long a delete or release keeps trying through an outage before it leaves the message to redelivery.</summary>
    public TimeSpan OutageTolerance { get; } = outageTolerance;

    protected override Task DeleteMessageAsync(QueueMessage message, CancellationToken cancellationToken) =>
        ThroughOutageAsync("delete", message, () => base.DeleteMessageAsync(message, cancellationToken), cancellationToken);

    protected override Task ReleaseMessageAsync(QueueMessage message, FunctionResult result, TimeSpan visibilityTimeout, CancellationToken cancellationToken) =>
        ThroughOutageAsync("release", message, () => base.ReleaseMessageAsync(message, result, visibilityTimeout, cancellationToken), cancellationToken);

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
}
