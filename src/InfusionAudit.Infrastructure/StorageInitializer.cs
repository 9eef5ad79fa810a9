using InfusionAudit.Application;
using InfusionAudit.Application.Configuration;
using InfusionAudit.Infrastructure.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InfusionAudit.Infrastructure;

/// <summary>
/// Creates the tables and the event queue at host start, so a fresh Azurite or account needs no manual step; skipped when
/// <see cref="InfusionAuditOptions.CreateStorageAtStart"/> is off (Azure, where the template creates them).
/// Storage being down at start does not stop the host: messages then fail, are retried and end in the poison queue,
/// as they would during an outage that begins later.
/// </summary>
public sealed partial class StorageInitializer(StorageAccount account, IOptions<InfusionAuditOptions> options, ILogger<StorageInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.CreateStorageAtStart)
        {
            return;
        }

        try
        {
            await account.EnsureTablesAsync(cancellationToken);
            await account.Queues.GetQueueClient(options.Value.EventsQueue).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await account.Queues.GetQueueClient(options.Value.EventsQueue + "-poison").CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException or AggregateException)
        {
            LogUnavailable(logger, ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Error, Message = "Storage could not be prepared at start; events will be retried until it is reachable")]
    private static partial void LogUnavailable(ILogger logger, Exception exception);
}
