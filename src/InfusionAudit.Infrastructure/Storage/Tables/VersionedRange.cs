using Azure;
using Azure.Data.Tables;

namespace InfusionAudit.Infrastructure.Storage.Tables;

/// <summary>
/// Reads a range of rows that one row versions: every commit to the range rewrites that guard row (a session's state
/// row, an alert partition's group row), and writes are guarded by its ETag.
/// </summary>
/// <remarks>
/// One request is one view of the range; several are not: another host may commit between them, and a read spanning
/// the commit could pair rows of before it with the guard row (and ETag) of after it, so a write guarded by that ETag
/// would pass on a view missing the other host's rows. So when the range needs more than one request, the guard row is
/// read first (one point read) and the range again from its start; the read stands when the range ends on that same
/// guard ETag. A range so busy that this fails <see cref="Tries"/> times is returned with the point read
/// (<see cref="Result{T}.GuardBefore"/>), which predates the range: a write guarded by it is refused and read again,
/// never lost. Cost: one point read and one page more, only for ranges of more than one page.
/// </remarks>
internal static class VersionedRange
{
    public const int Tries = 3;

    /// <param name="table">The table.</param>
    /// <param name="filter">The range (built with <see cref="TableClient.CreateQueryFilter(System.FormattableString)"/>).</param>
    /// <param name="partitionKey">The guard row's partition.</param>
    /// <param name="guardRowKey">The guard row's key.</param>
    /// <param name="newRows">A fresh reader for each attempt.</param>
    public static async Task<Result<T>> ReadAsync<T>(
        TableClient table, string filter, string partitionKey, string guardRowKey, Func<T> newRows, CancellationToken cancellationToken)
        where T : IVersionedRows
    {
        var rows = newRows();
        if (await ReadPagesAsync(table, filter, rows, stopAfterOnePage: true, cancellationToken))
        {
            return new Result<T>(rows, Settled: true, GuardBefore: null);
        }

        for (var attempt = 1; ; attempt++)
        {
            var before = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, guardRowKey, cancellationToken: cancellationToken);
            rows = newRows();
            await ReadPagesAsync(table, filter, rows, stopAfterOnePage: false, cancellationToken);
            var guard = before.HasValue ? before.Value!.ETag : (ETag?)null;
            if (guard == rows.GuardETag)
            {
                return new Result<T>(rows, Settled: true, GuardBefore: null);
            }

            if (attempt == Tries)
            {
                return new Result<T>(rows, Settled: false, GuardBefore: before.HasValue ? before.Value : null);
            }
        }
    }

    /// <returns>True when the whole range came in one request.</returns>
    private static async Task<bool> ReadPagesAsync(TableClient table, string filter, IVersionedRows rows, bool stopAfterOnePage, CancellationToken cancellationToken)
    {
        await foreach (var page in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).AsPages())
        {
            foreach (var entity in page.Values)
            {
                rows.Add(entity);
            }

            if (page.ContinuationToken is null)
            {
                return true;
            }

            if (stopAfterOnePage)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The rows of one attempt, as a reader collects them.</summary>
    public interface IVersionedRows
    {
        /// <summary>The guard row's ETag as this read saw it; null when the range had none.</summary>
        ETag? GuardETag { get; }

        void Add(TableEntity entity);
    }

    /// <param name="Rows">What the last attempt read.</param>
    /// <param name="Settled">The rows are one view: the caller returns them as read.</param>
    /// <param name="GuardBefore">When not settled: the guard row of the last point read (null when there was none), whose version the caller must return instead of the one read.</param>
    public sealed record Result<T>(T Rows, bool Settled, TableEntity? GuardBefore);
}
