using Azure;
using Azure.Storage.Queues;
using InfusionAudit.Application;
using InfusionAudit.Application.Alerts;
using InfusionAudit.Application.Diagnostics;
using InfusionAudit.Infrastructure.Diagnostics;
using InfusionAudit.Infrastructure.Storage;
using Microsoft.Extensions.Options;

namespace InfusionAudit.Infrastructure.Alerts;

/// <summary>
/// The storage queue <c>alerts-outbound</c> on the app's account (the local default): one base64 JSON message per
/// notification. The queue is created on first use.
/// </summary>
public sealed class QueueAlertTransport(StorageAccount account, IOptions<AlertOptions> options) : IAlertTransport, IReadinessProbe
{
    private readonly QueueClient queue = account.Queues.GetQueueClient(options.Value.QueueName);
    private volatile bool created;

    public string Name => "queue";

    public string ReadinessName => "alerts:queue";

    /// <summary>The queue service answers; a queue not created yet is fine (the first send creates it).</summary>
    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await queue.GetPropertiesAsync(cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }
        catch (RequestFailedException ex)
        {
            throw StorageProbeFailure.Of(ex);
        }
    }

    public async Task<IReadOnlyList<string?>> SendAsync(IReadOnlyList<OutboundAlert> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var results = new string?[messages.Count];
        await Task.WhenAll(messages.Select(async (message, i) => results[i] = await SendOneAsync(message, cancellationToken)));
        return results;
    }

    private async Task<string?> SendOneAsync(OutboundAlert message, CancellationToken cancellationToken)
    {
        try
        {
            if (!created)
            {
                await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                created = true;
            }

            await queue.SendMessageAsync(message.Body, cancellationToken);
            return null;
        }
        catch (RequestFailedException ex)
        {
            return $"queue {queue.Name}: {ex.Status} {ex.ErrorCode}";
        }
        catch (HttpRequestException ex)
        {
            return $"queue {queue.Name}: {ex.Message}";
        }
    }
}
