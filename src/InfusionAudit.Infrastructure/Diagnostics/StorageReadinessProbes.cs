using Azure;
using InfusionAudit.Application.Configuration;
using InfusionAudit.Application.Diagnostics;
using InfusionAudit.Infrastructure.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InfusionAudit.Infrastructure.Diagnostics;

/// <summary>The storage account's part of readiness: every table the code writes, and the event queue and its poison queue.</summary>
public static class StorageReadinessProbes
{
    /// <summary>Registers the storage probes as <see cref="IReadinessProbe"/>s, in report order: tables, events queue, its poison queue.</summary>
    public static IServiceCollection AddStorageReadiness(this IServiceCollection services)
    {
        services.AddSingleton<IReadinessProbe>(sp => Tables(sp.GetRequiredService<StorageAccount>()));
        services.AddSingleton<IReadinessProbe>(sp => Queue(sp.GetRequiredService<StorageAccount>(), EventsQueue(sp)));
        services.AddSingleton<IReadinessProbe>(sp => Queue(sp.GetRequiredService<StorageAccount>(), EventsQueue(sp) + "-poison"));
        return services;
    }

    public static IReadinessProbe Tables(StorageAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new Probe("tables", async ct =>
        {
            // One listing instead of a request per table; the tables are created at start (StorageInitializer).
            var present = new HashSet<string>(StringComparer.Ordinal);
            await foreach (var table in account.Tables.QueryAsync(cancellationToken: ct))
            {
                present.Add(table.Name);
            }

            var missing = TableNames.All.Where(name => !present.Contains(name)).ToList();
            if (missing.Count > 0)
            {
                throw new InvalidOperationException($"missing tables: {string.Join(", ", missing)}");
            }
        });
    }

    public static IReadinessProbe Queue(StorageAccount account, string queue)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new Probe($"queue:{queue}", async ct => await account.Queues.GetQueueClient(queue).GetPropertiesAsync(ct));
    }

    private static string EventsQueue(IServiceProvider services) =>
        services.GetRequiredService<IOptions<InfusionAuditOptions>>().Value.EventsQueue;

    private sealed class Probe(string name, Func<CancellationToken, Task> probe) : IReadinessProbe
    {
        public string ReadinessName => name;

        public async Task ProbeAsync(CancellationToken cancellationToken)
        {
            try
            {
                await probe(cancellationToken);
            }
            catch (RequestFailedException ex)
            {
                throw StorageProbeFailure.Of(ex);
            }
        }
    }
}
