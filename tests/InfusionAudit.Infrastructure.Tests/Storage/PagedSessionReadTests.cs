using InfusionAudit.Infrastructure.Storage;
using InfusionAudit.Application.Ports.Sessions;
using InfusionAudit.Infrastructure.Storage.Sessions;
using InfusionAudit.Testing;

namespace InfusionAudit.Infrastructure.Tests.Storage;

/// <summary>
/// A session of more than 1,000 rows is read in several requests, and another host may commit between them. Such a read
/// must never pair the events of before the commit with the state (and ETag) of after it: a write guarded by that ETag
/// would pass and store a state judged without the other host's events (LargeSessionTests once ended "Running" so, when
/// another test host's clock judged the session while its end was being committed).
/// </summary>
public sealed class PagedSessionReadTests
{
    private const string Clinic = "paged-01";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AReadSpanningACommitOfAnotherHostReturnsEveryEventTheStateCounts()
    {
        var (writer, id, count) = await LargeSessionAsync();

        // The reader has its first page and asks for the second; the other host then commits the end, whose event
        // row sorts into the first page.
        var reader = Reader(id, async () =>
        {
            var before = await writer.LoadAsync(Clinic, id, Ct);
            await writer.CommitAsync(new SessionWrite(id, State(id, count + 1, "Ended"), before.StateETag, [Event(id, "a-end", count + 1)], []), Ct);
        }, times: 1);
        var partition = await reader.LoadAsync(Clinic, id, Ct);

        var state = partition.State.ShouldNotBeNull();
        partition.Events.Count.ShouldBe(
            (int)state.EventCount,
            $"the read returned state '{state.Status}' counting {state.EventCount} events with only {partition.Events.Count} of them");
        state.Status.ShouldBe("Ended");
        partition.Events.ShouldContain(e => e.EventId == "a-end");
    }

    [Fact]
    public async Task AReadThatACommitSpansEveryTimeReturnsAnETagNoWriteCanPass()
    {
        var (writer, id, count) = await LargeSessionAsync();
        var commits = 0;
        var reader = Reader(id, async () =>
        {
            var before = await writer.LoadAsync(Clinic, id, Ct);
            commits++;
            await writer.CommitAsync(new SessionWrite(id, State(id, count + commits, "Running"), before.StateETag, [Event(id, $"a-{commits:D2}", count + commits)], []), Ct);
        }, times: int.MaxValue);

        var partition = await reader.LoadAsync(Clinic, id, Ct);

        commits.ShouldBeGreaterThan(1);
        var stale = partition.State.ShouldNotBeNull();
        await Should.ThrowAsync<SessionWriteConflictException>(() =>
            reader.CommitAsync(new SessionWrite(id, stale with { Status = "Ended" }, partition.StateETag, [], []), Ct));
        (await writer.LoadAsync(Clinic, id, Ct)).State!.EventCount.ShouldBe(count + commits);
    }

    /// <summary>A session of 1,100 events: more than one page of a range query.</summary>
    private static async Task<(SessionRepository Writer, string Id, int Count)> LargeSessionAsync()
    {
        var id = "P-" + Guid.NewGuid().ToString("N")[..20];
        var account = new StorageAccount(Azurite.ConnectionString, new StorageRequestCounter());
        await account.EnsureTablesAsync(Ct);
        var writer = new SessionRepository(account, new SessionDirectory(account));
        var events = Enumerable.Range(0, 1_100).Select(i => Event(id, $"e{i:D4}", i + 1)).ToList();
        await writer.CommitAsync(new SessionWrite(id, State(id, events.Count, "Running"), null, events, []), Ct);
        return (writer, id, events.Count);
    }

    /// <summary>Another host's repository that lets <paramref name="commit"/> run before each of its first requests for a second page.</summary>
    private static SessionRepository Reader(string id, Func<Task> commit, int times)
    {
        var account = new StorageAccount(Azurite.ConnectionString, new StorageRequestCounter(), new BeforeSecondPage(id, commit, times));
        return new SessionRepository(account, new SessionDirectory(account));
    }

    private static SessionStateRow State(string id, long events, string status) =>
        new(id, Clinic, status, events, "{\"events\":" + events + "}", null, null, DateTimeOffset.UtcNow);

    private static SessionEventRow Event(string id, string eventId, long sequence) =>
        HeldSessions.Row(id, eventId, sequence, Clinic);
}
