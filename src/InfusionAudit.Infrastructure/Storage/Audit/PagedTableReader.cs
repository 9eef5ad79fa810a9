using Azure.Data.Tables;

namespace InfusionAudit.Infrastructure.Storage.Audit;

/// <summary>
/// Reads a page from a list of partition-bounded filters (one per partition, in key order): each filter is answered by
/// one partition's key range, so a page never touches a partition the query does not name.
/// </summary>
internal static class PagedTableReader
{
    /// <summary>The most rows one Table Storage request returns.</summary>
    public const int MaxRowsPerRequest = 1000;

    // A selective server-side filter can answer with short or empty pages; this bounds the latency of one page by
    // handing back a cursor (with fewer rows) rather than reading on until the page is full.
    private const int MaxRequestsPerPage = 64;

    public static async Task<StoragePage<TableEntity>> ReadAsync(
        TableClient table,
        IReadOnlyList<string> filters,
        IReadOnlyList<string>? select,
        StorageCursor? cursor,
        int take,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(take, 1);
        var rows = new List<TableEntity>(Math.Min(take, MaxRowsPerRequest));
        var partition = cursor?.Partition ?? 0;
        var token = cursor?.Token;
        var requests = 0;
        if (partition < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(cursor), "The cursor names a partition before the query's first.");
        }

        while (partition < filters.Count && rows.Count < take && requests < MaxRequestsPerPage)
        {
            var want = Math.Min(take - rows.Count, MaxRowsPerRequest);
            var pages = table.QueryAsync<TableEntity>(filters[partition], want, select, cancellationToken).AsPages(token, want);
            await using var enumerator = pages.GetAsyncEnumerator(cancellationToken);
            requests++;
            if (!await enumerator.MoveNextAsync())
            {
                partition++;
                token = null;
                continue;
            }

            rows.AddRange(enumerator.Current.Values);
            token = enumerator.Current.ContinuationToken;
            if (string.IsNullOrEmpty(token))
            {
                partition++;
                token = null;
            }
        }

        var next = partition < filters.Count ? new StorageCursor(partition, token) : null;
        return new StoragePage<TableEntity>(rows, next, requests);
    }
}
