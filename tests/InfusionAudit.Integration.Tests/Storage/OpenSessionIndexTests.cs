using InfusionAudit.Integration.Tests.Infrastructure;
using InfusionAudit.Storage;
using InfusionAudit.Storage.Indexes;

namespace InfusionAudit.Integration.Tests.Storage;

public sealed class OpenSessionIndexTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ConcurrentOpensAndClosesShareTransactionsAndAllTakeEffect()
    {
        var counter = new StorageRequestCounter();
        var account = new StorageAccount(Azurite.ConnectionString, counter);
        await account.EnsureTablesAsync(Ct);
        var index = new OpenSessionIndex(account);
        var ids = Enumerable.Range(0, 50).Select(i => $"O-{Guid.NewGuid():N}-{i}").ToList();

        var before = counter.Requests;
        await Task.WhenAll(ids.Select(id => index.AddAsync(id, "abq-01", Ct)));
        var writes = counter.Requests - before;
        await Task.WhenAll(ids.Take(25).Select(id => index.RemoveAsync(id, Ct)));

        writes.ShouldBeLessThan(ids.Count / 2);
        var open = (await index.ListAsync(Ct)).Select(s => s.SessionId).ToList();
        ids.Skip(25).ShouldAllBe(id => open.Contains(id));
        ids.Take(25).ShouldAllBe(id => !open.Contains(id));
    }

    [Fact]
    public async Task RemovingASessionThatWasNeverOpenDoesNotFailTheOthersInItsTransaction()
    {
        var account = new StorageAccount(Azurite.ConnectionString, new StorageRequestCounter());
        await account.EnsureTablesAsync(Ct);
        var index = new OpenSessionIndex(account);
        var kept = $"O-{Guid.NewGuid():N}";
        var closed = $"O-{Guid.NewGuid():N}";
        await index.AddAsync(closed, "abq-01", Ct);

        await Task.WhenAll(
            index.RemoveAsync($"never-{Guid.NewGuid():N}", Ct),
            index.AddAsync(kept, "abq-01", Ct),
            index.RemoveAsync(closed, Ct),
            index.RemoveAsync($"never-{Guid.NewGuid():N}", Ct));

        var open = (await index.ListAsync(Ct)).Select(s => s.SessionId).ToList();
        open.ShouldContain(kept);
        open.ShouldNotContain(closed);
    }
}
