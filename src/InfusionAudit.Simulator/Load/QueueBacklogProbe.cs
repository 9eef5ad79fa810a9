using Azure.Storage.Queues;

namespace InfusionAudit.Simulator.Load;

/// <summary>Reads how many messages wait in the event queue (the service's approximate count).</summary>
public sealed class QueueBacklogProbe(string connectionString, string queueName)
{
    private readonly QueueClient _client = new(connectionString, queueName);

    /// <summary>The approximate count, or null when storage did not answer (a soak keeps sampling through that).</summary>
    public async Task<int?> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var properties = await _client.GetPropertiesAsync(cancellationToken);
            return properties.Value.ApproximateMessagesCount;
        }
        catch (Azure.RequestFailedException)
        {
            return null;
        }
    }
}
