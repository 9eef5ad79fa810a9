using InfusionAudit.Infrastructure.Storage;
using InfusionAudit.Application.Ports.Sessions;
using InfusionAudit.Infrastructure.Storage.Sessions;
using InfusionAudit.Testing;

namespace InfusionAudit.Infrastructure.Tests.Storage;

public sealed class SessionRepositoryTests
{
    private readonly StorageRequestCounter counter = new();
    private readonly SessionRepository repository;
    private readonly SessionDirectory directory;
    private readonly StorageAccount account;

    public SessionRepositoryTests()
    {
        account = new StorageAccount(Azurite.ConnectionString, counter);
        account.EnsureTablesAsync(CancellationToken.None).GetAwaiter().GetResult();
        directory = new SessionDirectory(account);
        repository = new SessionRepository(account, directory);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ACommittedSessionReadsBackWithItsEventsStateAndFindingsInOneRequest()
    {
        var id = NewId();
        await repository.CommitAsync(new SessionWrite(id, State(id, 2), null, [Event(id, "a", 0), Event(id, "b", 1)], [Finding(id, "VITALS-HR-HIGH", "a")]), Ct);

        var before = counter.Requests;
        var partition = await repository.LoadAsync(Clinic, id, Ct);

        (counter.Requests - before).ShouldBe(1);
        partition.State!.EventCount.ShouldBe(2);
        partition.Events.Select(e => e.EventId).ShouldBe(["a", "b"], ignoreOrder: true);
        partition.Findings.Single().RuleId.ShouldBe("VITALS-HR-HIGH");
        partition.StateETag.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task AWriterHoldsItsSessionParsedAndAStoredEventThatNoLongerParsesStopsTheNextWriteNotTheCommitThatStoredIt()
    {
        var id = NewId();
        await repository.CommitAsync(new SessionWrite(id, State(id, 1), null, [Event(id, "a", 0)], []), Ct);
        var held = repository.Cached(Clinic, id).ShouldNotBeNull();
        held.Events.Single().Event.Payload.ShouldBeOfType<InfusionAudit.Domain.Contract.VitalsRecordedPayload>().HeartRateBpm.ShouldBe(72);

        var broken = Event(id, "b", 1) with { RawJson = "{\"eventId\":\"b\"}" };
        await repository.CommitAsync(new SessionWrite(id, State(id, 2), held.StateETag, [broken], []), Ct);

        repository.Cached(Clinic, id).ShouldBeNull();
        (await repository.LoadAsync(Clinic, id, Ct)).Events.Count.ShouldBe(2);
        var refused = await Should.ThrowAsync<InvalidOperationException>(() => repository.LoadForWriteAsync(Clinic, id, Ct));
        refused.Message.ShouldContain("Stored event b");
    }

    [Fact]
    public async Task TheCacheCountsTheSessionsItServedAWriterAndThoseItHadToReadFromStorage()
    {
        var id = NewId();
        await repository.CommitAsync(new SessionWrite(id, State(id, 1), null, [Event(id, "a", 0)], []), Ct);

        // Another host: its first write of the session reads it, its next is served from memory; a new session is neither.
        var other = new SessionRepository(account, directory);
        await other.LoadForWriteAsync(Clinic, id, Ct);
        await other.LoadForWriteAsync(Clinic, id, Ct);
        await other.LoadForWriteAsync(Clinic, NewId(), Ct, assumeNew: true);

        var cache = other.CacheSnapshot();
        cache.Hits.ShouldBe(1);
        cache.Reads.ShouldBe(1);
        cache.Sessions.ShouldBe(1);
        cache.Bytes.ShouldBeGreaterThan(0);
        cache.LimitBytes.ShouldBe(SessionRepository.DefaultCachedBytes);
    }

    [Fact]
    public async Task TheRequestCounterNamesATransactionsTableAndAReadsTable()
    {
        var id = NewId();
        var before = counter.ByOperation;
        await repository.CommitAsync(new SessionWrite(id, State(id, 1), null, [Event(id, "a", 0)], []), Ct);
        await repository.LoadAsync(Clinic, id, Ct);

        // A $batch carries its table only in its body; the counter names it, so a benchmark says which table costs what.
        var delta = counter.ByOperation.Select(o => (o.Key, Count: o.Value - before.GetValueOrDefault(o.Key))).Where(o => o.Count > 0).ToDictionary();
        delta.ShouldBe(new Dictionary<string, long> { ["POST $batch Sessions"] = 1, ["GET Sessions()"] = 1 }, ignoreOrder: true);
    }

    [Fact]
    public async Task AWriteBasedOnAStaleStateIsRefusedAndStoresNothing()
    {
        var id = NewId();
        await repository.CommitAsync(new SessionWrite(id, State(id, 1), null, [Event(id, "a", 0)], []), Ct);
        var read = await repository.LoadAsync(Clinic, id, Ct);
        await repository.CommitAsync(new SessionWrite(id, State(id, 2), read.StateETag, [Event(id, "b", 1)], []), Ct);

        await Should.ThrowAsync<SessionWriteConflictException>(() =>
            repository.CommitAsync(new SessionWrite(id, State(id, 2), read.StateETag, [Event(id, "c", 1)], []), Ct));

        var after = await repository.LoadAsync(Clinic, id, Ct);
        after.Events.Select(e => e.EventId).ShouldBe(["a", "b"], ignoreOrder: true);
    }

    [Fact]
    public async Task TwoWritersCreatingTheSameNewSessionConflictInsteadOfOverwriting()
    {
        var id = NewId();
        await repository.CommitAsync(new SessionWrite(id, State(id, 1), null, [Event(id, "a", 0)], []), Ct);

        await Should.ThrowAsync<SessionWriteConflictException>(() =>
            repository.CommitAsync(new SessionWrite(id, State(id, 1), null, [Event(id, "b", 0)], []), Ct));
    }

    [Fact]
    public async Task StoringAnEventIdThatIsAlreadyStoredConflicts()
    {
        var id = NewId();
        await repository.CommitAsync(new SessionWrite(id, State(id, 1), null, [Event(id, "a", 0)], []), Ct);
        var read = await repository.LoadAsync(Clinic, id, Ct);

        await Should.ThrowAsync<SessionWriteConflictException>(() =>
            repository.CommitAsync(new SessionWrite(id, State(id, 2), read.StateETag, [Event(id, "a", 0)], []), Ct));
    }

    [Fact]
    public async Task AWriteOfMoreThanOneHundredRowsIsSplitAndFullyStored()
    {
        var id = NewId();
        var events = Enumerable.Range(0, 250).Select(i => Event(id, $"e{i}", i)).ToList();
        var findings = Enumerable.Range(0, 120).Select(i => Finding(id, "VITALS-HR-HIGH", $"e{i}")).ToList();

        await repository.CommitAsync(new SessionWrite(id, State(id, 250), null, events, findings), Ct);

        var partition = await repository.LoadAsync(Clinic, id, Ct);
        partition.Events.Count.ShouldBe(250);
        partition.Findings.Count.ShouldBe(120);
        partition.State!.EventCount.ShouldBe(250);
    }

    [Fact]
    public async Task StateLargerThanOneTablePropertyRoundTrips()
    {
        var id = NewId();
        var big = "{\"x\":\"" + new string('é', 150_000) + "\"}";
        await repository.CommitAsync(new SessionWrite(id, State(id, 0) with { StateJson = big }, null, [], []), Ct);

        (await repository.LoadAsync(Clinic, id, Ct)).State!.StateJson.ShouldBe(big);
    }

    [Fact]
    public async Task SessionsOfOneClinicWrittenTogetherShareTransactions()
    {
        var ids = Enumerable.Range(0, 40).Select(_ => NewId()).ToList();

        var before = counter.Requests;
        await Task.WhenAll(ids.Select(id => repository.CommitAsync(new SessionWrite(id, State(id, 2), null, [Event(id, id + "-a", 0), Event(id, id + "-b", 1)], []), Ct)));

        // 40 sessions of 3 rows: the first goes alone, the rest wait for it and go together (100 rows a transaction).
        (counter.Requests - before).ShouldBeLessThanOrEqualTo(4);
        foreach (var id in ids)
        {
            (await repository.LoadAsync(Clinic, id, Ct)).Events.Count.ShouldBe(2);
        }
    }

    [Fact]
    public async Task AConflictInASharedTransactionFailsOnlyItsOwnSession()
    {
        var stale = NewId();
        await repository.CommitAsync(new SessionWrite(stale, State(stale, 1), null, [Event(stale, stale + "-a", 0)], []), Ct);
        var read = await repository.LoadAsync(Clinic, stale, Ct);
        await repository.CommitAsync(new SessionWrite(stale, State(stale, 2), read.StateETag, [Event(stale, stale + "-b", 1)], []), Ct);
        var others = Enumerable.Range(0, 20).Select(_ => NewId()).ToList();

        var writes = others.Select(id => repository.CommitAsync(new SessionWrite(id, State(id, 1), null, [Event(id, id + "-a", 0)], []), Ct)).ToList();
        var conflicting = repository.CommitAsync(new SessionWrite(stale, State(stale, 2), read.StateETag, [Event(stale, stale + "-c", 1)], []), Ct);

        await Should.ThrowAsync<SessionWriteConflictException>(() => conflicting);
        await Task.WhenAll(writes);
        foreach (var id in others)
        {
            (await repository.LoadAsync(Clinic, id, Ct)).Events.Count.ShouldBe(1);
        }

        (await repository.LoadAsync(Clinic, stale, Ct)).Events.Select(e => e.EventId).ShouldBe([stale + "-a", stale + "-b"], ignoreOrder: true);
    }

    [Fact]
    public async Task ASessionWhoseIdStartsAnotherSessionsIdReadsOnlyItsOwnRows()
    {
        var id = NewId();
        var longer = id + "0";
        await repository.CommitAsync(new SessionWrite(id, State(id, 1), null, [Event(id, "a", 0)], []), Ct);
        await repository.CommitAsync(new SessionWrite(longer, State(longer, 2), null, [Event(longer, "b", 0), Event(longer, "c", 1)], []), Ct);

        (await repository.LoadAsync(Clinic, id, Ct)).Events.Select(e => e.EventId).ShouldBe(["a"]);
        (await repository.LoadAsync(Clinic, longer, Ct)).Events.Count.ShouldBe(2);
    }

    [Fact]
    public async Task ASessionKnownOnlyByItsIdIsReadThroughTheDirectoryInTwoRequests()
    {
        var id = NewId();
        await directory.RegisterAsync(new SessionRegistration(id, Clinic, Claim: true, DateTimeOffset.UtcNow, null, null), Ct);
        await repository.CommitAsync(new SessionWrite(id, State(id, 1), null, [Event(id, "a", 0)], []), Ct);

        var before = counter.Requests;
        var partition = await repository.LoadAsync(id, Ct);

        (counter.Requests - before).ShouldBe(2);
        partition.ClinicId.ShouldBe(Clinic);
        partition.Events.Single().EventId.ShouldBe("a");

        var unknown = await repository.LoadAsync(NewId(), Ct);
        unknown.State.ShouldBeNull();
        unknown.Events.ShouldBeEmpty();
    }

    private const string Clinic = "abq-01";

    private static string NewId() => "R-" + Guid.NewGuid().ToString("N")[..20];

    private static SessionStateRow State(string id, long events) =>
        new(id, "abq-01", "Running", events, "{\"events\":" + events + "}", null, null, DateTimeOffset.UtcNow);

    private static SessionEventRow Event(string id, string eventId, long sequence) =>
        HeldSessions.Row(id, eventId, sequence, "abq-01");

    private static SessionFindingRow Finding(string id, string rule, string episode) =>
        new(id, rule, episode, "warning", "abq-01", "ketamine-iv-depression", 1, "HR 115 bpm > 110 bpm", "{\"heartRateBpm\":115}", episode, DateTimeOffset.UtcNow, null);
}
