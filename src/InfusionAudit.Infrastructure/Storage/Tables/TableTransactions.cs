using Azure;
using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace InfusionAudit.Infrastructure.Storage.Tables;

/// <summary>
/// Every entity transaction of the system goes through here: when the table is gone (storage was reset, as a restarted
/// in-memory Azurite is, while the host ran on), it creates the table and sends the transaction once more. Other
/// requests recover in <see cref="RecreateMissingPolicy"/>.
/// </summary>
internal static class TableTransactions
{
    public static async Task<Response<IReadOnlyList<Response>>> SubmitAsync(TableClient table, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        // A $batch names its table only in its body: the request counter reads it from here (StorageRequestCounter).
        using var scope = HttpPipeline.CreateHttpMessagePropertiesScope(new Dictionary<string, object?> { [StorageRequestCounter.TableProperty] = table.Name });
        try
        {
            return await table.SubmitTransactionAsync(actions, cancellationToken);
        }
        catch (RequestFailedException ex) when (TableMissing.Is(ex))
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
            return await table.SubmitTransactionAsync(actions, cancellationToken);
        }
    }
}
