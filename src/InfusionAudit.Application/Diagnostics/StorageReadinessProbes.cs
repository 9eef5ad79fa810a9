using InfusionAudit.Application.Configuration;
using InfusionAudit.Infrastructure.Storage;
using Microsoft.Extensions.Options;

namespace InfusionAudit.Application.Diagnostics;

/// <summary>The storage account's part of readiness: every table the code writes, and the event queue and its poison queue.</summary>
public static class StorageReadinessProbes
{
    public static IEnumerable<IReadinessProbe> For(StorageAccount account, IOptions<InfusionAuditOptions> options)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(options);
        yield return new Probe("tables", async ct =>
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

        foreach (var queue in new[] { options.Value.EventsQueue, options.Value.EventsQueue + "-poison" })
        {
            yield return new Probe($"queue:{queue}", async ct => await account.Queues.GetQueueClient(queue).GetPropertiesAsync(ct));
        }
    }

    private sealed class Probe(string name, Func<CancellationToken, Task> probe) : IReadinessProbe
    {
        public string ReadinessName => name;

        public Task ProbeAsync(CancellationToken cancellationToken) => probe(cancellationToken);
    }
}
