using Azure.Data.Tables;
using InfusionAudit.Infrastructure.Storage.Rejections;
using InfusionAudit.Infrastructure.Storage.Tables;

namespace InfusionAudit.Infrastructure.Storage.Audit;

/// <summary>
/// Pages through a clinic's rejected input over a range of days: one <see cref="TableNames.RejectedEvents"/> partition
/// per day (<see cref="RejectedEventRepository.PartitionKey"/>), read in day order, never another clinic's.
/// </summary>
public sealed class RejectedEventReader(StorageAccount account)
{
    private readonly TableClient table = account.Tables.GetTableClient(TableNames.RejectedEvents);

    public async Task<StoragePage<RejectedEventRow>> ListPageAsync(
        string clinicId,
        DateOnly from,
        DateOnly to,
        StorageCursor? cursor,
        int take,
        CancellationToken cancellationToken)
    {
        var filters = new List<string>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var partitionKey = RejectedEventRepository.PartitionKey(clinicId, day);
            filters.Add(TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}"));
        }

        var page = await PagedTableReader.ReadAsync(table, filters, null, cursor, take, cancellationToken);
        return new StoragePage<RejectedEventRow>([.. page.Rows.Select(RejectedEventRepository.ToRow)], page.Next, page.Requests);
    }
}
