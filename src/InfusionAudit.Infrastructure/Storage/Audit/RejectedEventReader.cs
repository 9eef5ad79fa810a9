using Azure.Data.Tables;
using InfusionAudit.Infrastructure.Storage.Rejections;
using InfusionAudit.Infrastructure.Storage.Tables;

namespace InfusionAudit.Infrastructure.Storage.Audit;

/// <summary>
/// Pages through a clinic's rejected input over a range of clinical days, optionally within a window of receive times:
/// one <see cref="TableNames.RejectedEvents"/> partition per day (<see cref="RejectedEventRepository.PartitionKey"/>), read in day order, never another clinic's.
/// </summary>
public sealed class RejectedEventReader(StorageAccount account) : IRejectedEventQueries
{
    private readonly TableClient table = account.Tables.GetTableClient(TableNames.RejectedEvents);

    public async Task<StoragePage<RejectedEventRow>> ListPageAsync(
        string clinicId,
        DateOnly from,
        DateOnly to,
        DateTimeOffset? receivedFrom,
        DateTimeOffset? receivedTo,
        StorageCursor? cursor,
        int take,
        CancellationToken cancellationToken)
    {
        var filters = new List<string>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var partitionKey = RejectedEventRepository.PartitionKey(clinicId, day);
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}");
            if (receivedFrom is { } low)
            {
                filter += " and " + TableClient.CreateQueryFilter($"ReceivedAt ge {low}");
            }

            if (receivedTo is { } high)
            {
                filter += " and " + TableClient.CreateQueryFilter($"ReceivedAt lt {high}");
            }

            filters.Add(filter);
        }

        var page = await PagedTableReader.ReadAsync(table, filters, null, cursor, take, cancellationToken);
        return new StoragePage<RejectedEventRow>([.. page.Rows.Select(RejectedEventRepository.ToRow)], page.Next, page.Requests);
    }

    /// <summary>
    /// The rejected input that names <paramref name="sessionId"/>, filed under the clinic's days [from, to] (at most a
    /// week: a session's input is filed under the days it occurred on): one partition read per day.
    /// </summary>
    public async Task<IReadOnlyList<RejectedEventRow>> ListSessionAsync(string clinicId, string sessionId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var rows = new List<RejectedEventRow>();
        for (var day = from; day <= to && day.DayNumber - from.DayNumber < 7; day = day.AddDays(1))
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {RejectedEventRepository.PartitionKey(clinicId, day)} and SessionId eq {sessionId}");
            await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                rows.Add(RejectedEventRepository.ToRow(entity));
            }
        }

        return rows;
    }
}
