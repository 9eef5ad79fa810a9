using System.Globalization;
using Azure.Data.Tables;
using InfusionAudit.Infrastructure.Storage.Alerts;

namespace InfusionAudit.Infrastructure.Storage.Audit;

/// <summary>
/// Reads the alert listing that <see cref="AlertIndex"/> keeps (partitions <c>list|{clinic}|{state}</c>, row keys
/// <c>{inverted raisedAt ticks:D19}|{alertId}</c>, newest first) by a range of raise days: since the row key orders by
/// raise time, a range of days is a key range of one partition per state.
/// </summary>
public sealed class AlertListingReader(StorageAccount account)
{
    private readonly TableClient table = account.Tables.GetTableClient(TableNames.AlertIndex);

    /// <summary>The alerts of a clinic raised in [from, to] (UTC days) as listed under <paramref name="state"/> (<c>all</c>, <c>open</c>, <c>acknowledged</c>, <c>resolved</c>).</summary>
    /// <returns>The entries and the requests it took.</returns>
    public async Task<(IReadOnlyList<AlertListingEntry> Entries, int Requests)> ListRaisedAsync(string clinicId, string state, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var partition = AlertIndex.ListingPartition(clinicId, state);
        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

        // raisedAt in [from, to+1) ⇔ inverted ticks in (inverted(to+1), inverted(from)].
        var low = (AlertIndex.InvertedTicks(end) + 1).ToString("D19", CultureInfo.InvariantCulture);
        var high = (AlertIndex.InvertedTicks(start) + 1).ToString("D19", CultureInfo.InvariantCulture);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {low} and RowKey lt {high}");
        var entries = new List<AlertListingEntry>();
        var requests = 0;
        await foreach (var page in table.QueryAsync<TableEntity>(filter, PagedTableReader.MaxRowsPerRequest, ["AlertId", "SessionId"], cancellationToken).AsPages())
        {
            requests++;
            entries.AddRange(page.Values.Select(e => new AlertListingEntry(e.GetString("AlertId") ?? string.Empty, e.GetString("SessionId") ?? string.Empty, null)));
        }

        return (entries, requests);
    }
}
