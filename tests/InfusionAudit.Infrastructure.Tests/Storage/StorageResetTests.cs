using Azure.Data.Tables;
using InfusionAudit.Infrastructure.Storage.Tables;
using InfusionAudit.Testing;

namespace InfusionAudit.Infrastructure.Tests.Storage;

/// <summary>
/// Storage reset under a running host (an in-memory Azurite restarted): the tables are gone. Writes create them again
/// and go through, without a host restart. Each test uses a table of its own, so the shared tables stay untouched.
/// </summary>
public sealed class StorageResetTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AGroupWriteToATableThatWasDeletedCreatesItAgainAndIsStored()
    {
        var table = new TableServiceClient(Azurite.ConnectionString).GetTableClient("reset" + Guid.NewGuid().ToString("N")[..12]);
        await table.CreateAsync(Ct);
        var writes = new PartitionGroupCommit(table);
        await writes.WriteAsync(new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity("p", "before")), Ct);

        await table.DeleteAsync(Ct);
        await writes.WriteGroupAsync(
            [
                new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "a") { ["N"] = 1 }),
                new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity("p", "b") { ["N"] = 2 }),
            ],
            Ct);

        var rows = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(cancellationToken: Ct))
        {
            rows.Add(row.RowKey);
        }

        rows.ShouldBe(["a", "b"]);
        await table.DeleteAsync(Ct);
    }

    [Fact]
    public async Task AWriteToATableThatNeverExistedCreatesIt()
    {
        var table = new TableServiceClient(Azurite.ConnectionString).GetTableClient("reset" + Guid.NewGuid().ToString("N")[..12]);

        await new PartitionGroupCommit(table).WriteAsync(new TableTransactionAction(TableTransactionActionType.UpsertMerge, new TableEntity("p", "a")), Ct);

        (await table.GetEntityIfExistsAsync<TableEntity>("p", "a", cancellationToken: Ct)).HasValue.ShouldBeTrue();
        await table.DeleteAsync(Ct);
    }
}
