using Azure;
using Azure.Storage.Queues;
using InfusionAudit.Simulator.Batching;

namespace InfusionAudit.Simulator.Transport;

/// <summary>Sends messages to the storage queue the ingest function listens on.</summary>
public sealed class QueueSender : IMessageSender
{
    /// <summary>The contract's default queue name.</summary>
    public const string DefaultQueueName = "infusion-events";

    private readonly QueueClient _client;

    /// <summary>Creates a sender for <paramref name="queueName"/> in the account of <paramref name="connectionString"/>.</summary>
    public QueueSender(string connectionString, string queueName)
    {
        // The Functions queue trigger expects base64 text; the SDK sends raw text unless told otherwise, and a
        // non-base64 message goes straight to the poison queue.
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        _client = new QueueClient(connectionString, queueName, options);
    }

    /// <inheritdoc />
    public string Destination => $"queue {_client.Name} at {_client.Uri.GetLeftPart(UriPartial.Authority)}";

    /// <inheritdoc />
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _client.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex)
        {
            throw new SendFailedException($"Cannot reach {Destination}: {FirstLine(ex.Message)}", fatal: true, ex);
        }
        catch (AggregateException ex)
        {
            throw new SendFailedException($"Cannot reach {Destination}: {FirstLine(ex.InnerException?.Message ?? ex.Message)}", fatal: true, ex);
        }
    }

    /// <inheritdoc />
    public async Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            await _client.SendMessageAsync(message.Text, cancellationToken);
            return SendOutcome.Queued(message.EventCount);
        }
        catch (RequestFailedException ex)
        {
            // Authorization and missing-queue errors repeat for every message; a too-large message is its own problem.
            var fatal = ex.Status is 401 or 403 or 404;
            throw new SendFailedException($"Queue refused a message of {message.EncodedBytes} bytes: {ex.Status} {FirstLine(ex.Message)}", fatal, ex);
        }
        catch (AggregateException ex)
        {
            // The SDK's retries all failed without an answer (connection refused or reset): storage is down, and every
            // further message would wait out the same retries.
            throw new SendFailedException($"Cannot reach {Destination} after retries: {FirstLine(ex.InnerException?.Message ?? ex.Message)}", fatal: true, ex);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
