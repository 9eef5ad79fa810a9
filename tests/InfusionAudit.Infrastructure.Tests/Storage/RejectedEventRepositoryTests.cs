using InfusionAudit.Infrastructure.Storage;
using InfusionAudit.Application.Ports.Rejections;
using InfusionAudit.Infrastructure.Storage.Rejections;
using InfusionAudit.Testing;

namespace InfusionAudit.Infrastructure.Tests.Storage;

public sealed class RejectedEventRepositoryTests
{
    private readonly RejectedEventRepository repository;

    public RejectedEventRepositoryTests()
    {
        var account = new StorageAccount(Azurite.ConnectionString, new StorageRequestCounter());
        account.EnsureTablesAsync(CancellationToken.None).GetAwaiter().GetResult();
        repository = new RejectedEventRepository(account);
    }

    [Fact]
    public async Task RejectionsAreListedByClinicAndReceiveDayAndStoringTheSameMessageAgainAddsNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var clinic = "rej-" + Guid.NewGuid().ToString("N")[..8];
        var received = new DateTimeOffset(2026, 11, 26, 23, 59, 59, TimeSpan.Zero);
        RejectedEventRow[] rows =
        [
            new(clinic, "S-1", "e1", received, "queue", "msg-1", 0, "payload.weightKg", "exclusive-minimum", "weightKg must be > 0", "{\"a\":1}", false),
            new(clinic, "S-1", null, received, "queue", "msg-1", 3, "eventId", "required", "eventId is required", "{\"b\":2}", false),
        ];

        await repository.StoreAsync(rows, ct);
        await repository.StoreAsync(rows, ct);

        var listed = await repository.ListAsync(clinic, new DateOnly(2026, 11, 26), ct);
        listed.Count.ShouldBe(2);
        listed.Select(r => r.Rule).ShouldBe(["exclusive-minimum", "required"]);
        (await repository.ListAsync(clinic, new DateOnly(2026, 11, 27), ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task InputWithoutAReadableClinicIsFiledUnderUnknown()
    {
        var ct = TestContext.Current.CancellationToken;
        var key = "msg-" + Guid.NewGuid().ToString("N");
        var received = DateTimeOffset.UtcNow;
        await repository.StoreAsync([new(null, null, null, received, "http", key, 0, "$", "not-json", "not JSON", "garbage", false)], ct);

        var listed = await repository.ListAsync(null, DateOnly.FromDateTime(received.UtcDateTime), ct);
        listed.ShouldContain(r => r.MessageKey == key && r.RawText == "garbage");
    }
}
