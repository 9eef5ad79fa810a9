using Azure.Data.Tables;

namespace InfusionAudit.Infrastructure.Storage.Tables;

/// <summary>
/// The pages of one range query, each row handed to a reader. The partitions read so are guarded against another host's
/// commit between pages by their callers (SessionRepository, AlertRepository): one page is one view, several are not.
/// </summary>
internal static class RangePages
{
    /// <returns>True when the whole range came in one request; false when <paramref name="stopAfterOnePage"/> stopped it.</returns>
    public static async Task<bool> ReadAsync(TableClient table, string filter, bool stopAfterOnePage, Action<TableEntity> add, CancellationToken cancellationToken)
    {
        await foreach (var page in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).AsPages())
        {
            foreach (var entity in page.Values)
            {
                add(entity);
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
}
