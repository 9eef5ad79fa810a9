using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace InfusionAudit.Infrastructure.Storage.Audit;

/// <summary>
/// <see cref="TableNames.AccessLog"/>: one partition per UTC day (<c>yyyy-MM-dd</c>), rows in time order, so "who read
/// what on day D" is one partition read. Rows are only ever added.
/// </summary>
public sealed class AccessLogRepository(StorageAccount account) : IAccessLog
{
    private readonly TableClient table = account.Tables.GetTableClient(TableNames.AccessLog);

    public async Task AddAsync(AccessLogRow row, CancellationToken cancellationToken)
    {
        var at = row.At.ToUniversalTime();
        var entity = new TableEntity(PartitionKey(DateOnly.FromDateTime(at.UtcDateTime)), $"{at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}|{row.RequestId}")
        {
            ["At"] = at,
            ["Caller"] = row.Caller,
            ["Role"] = row.Role,
            ["Route"] = row.Route,
            ["Parameters"] = row.Parameters,
            ["Status"] = row.Status,
            ["Rows"] = row.Rows,
            ["RequestId"] = row.RequestId,
        };
        try
        {
            await table.AddEntityAsync(entity, cancellationToken);
        }
        catch (RequestFailedException ex)
        {
            // The port's terms: an access log that did not store the row (the read it records is then refused).
            throw new StoreUnavailableException($"The access log did not store the row ({ex.Status} {ex.ErrorCode}).", ex);
        }
    }

    public async Task<StoragePage<AccessLogRow>> ListPageAsync(DateOnly day, StorageCursor? cursor, int take, CancellationToken cancellationToken)
    {
        var partitionKey = PartitionKey(day);
        var page = await PagedTableReader.ReadAsync(table, [TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}")], null, cursor, take, cancellationToken);
        return new StoragePage<AccessLogRow>([.. page.Rows.Select(ToRow)], page.Next, page.Requests);
    }

    public static string PartitionKey(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static AccessLogRow ToRow(TableEntity entity) => new(
        entity.GetDateTimeOffset("At") ?? default,
        entity.GetString("Caller") ?? string.Empty,
        entity.GetString("Role"),
        entity.GetString("Route") ?? string.Empty,
        entity.GetString("Parameters") ?? "{}",
        entity.GetInt32("Status") ?? 0,
        entity.GetInt32("Rows") ?? 0,
        entity.GetString("RequestId") ?? string.Empty);
}
