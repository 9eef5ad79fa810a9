using InfusionAudit.Application.Ports.Alerts;
using InfusionAudit.Domain.Alerts;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Infrastructure.Storage;
using InfusionAudit.Infrastructure.Storage.Alerts;
using InfusionAudit.Testing;

namespace InfusionAudit.Infrastructure.Tests.Storage;

/// <summary>
/// A session's alert partition of more than 1,000 rows is read in several requests, and another host may decide between
/// them. Alert rows sort before the group row, so such a read could return the group row (and ETag) of after another
/// host's decision without the alert that decision raised: a decision guarded by that ETag would pass and raise the
/// same episode again, a second page for one problem. The same guard as the session read (PagedSessionReadTests).
/// </summary>
public sealed class PagedAlertReadTests
{
    private const string Clinic = "paged-alerts-01";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AReadSpanningAnotherHostsDecisionReturnsEveryAlertItsGroupRowFollows()
    {
        var (writer, session, count) = await LargePartitionAsync();

        // The reader has its first page (alerts only) and asks for the second; the other host then raises an alert
        // whose row sorts into the first page, and rewrites the group row, which the second page holds.
        var reader = Reader(session, () => DecideAsync(writer, session, "a-0000-late", count + 1), times: 1);
        var partition = await reader.LoadAsync(Clinic, session, Ct);

        partition.Group.ShouldNotBeNull().NotificationCount.ShouldBe(count + 1);
        partition.Alerts.Count.ShouldBe(count + 1, "the read returned the group row of after the decision without the alert it raised");
        partition.Alerts.ShouldContain(a => a.AlertId == "a-0000-late");
    }

    [Fact]
    public async Task AReadThatDecisionsSpanEveryTimeReturnsAnETagNoDecisionCanPass()
    {
        var (writer, session, count) = await LargePartitionAsync();
        var decisions = 0;
        var reader = Reader(session, () => DecideAsync(writer, session, $"a-0000-{++decisions:D2}", count + decisions), times: int.MaxValue);

        var partition = await reader.LoadAsync(Clinic, session, Ct);

        decisions.ShouldBeGreaterThan(1);
        var group = partition.Group.ShouldNotBeNull();
        await Should.ThrowAsync<AlertWriteConflictException>(() =>
            reader.CommitAsync(new AlertPartitionWrite(session, group with { NotificationCount = group.NotificationCount + 1 }, partition.GroupETag, [Alert(session, "a-0000-stale")], []), Ct));
        (await writer.LoadAsync(Clinic, session, Ct)).Alerts.Count.ShouldBe(count + decisions);
    }

    /// <summary>A session with 1,100 alerts: more than one page of its partition.</summary>
    private static async Task<(AlertRepository Writer, string Session, int Count)> LargePartitionAsync()
    {
        var session = "PA-" + Guid.NewGuid().ToString("N")[..20];
        var account = new StorageAccount(Azurite.ConnectionString, new StorageRequestCounter());
        await account.EnsureTablesAsync(Ct);
        var writer = new AlertRepository(account);
        var alerts = Enumerable.Range(1, 1_100).Select(i => Alert(session, $"a-{i:D4}")).ToList();
        await writer.CommitAsync(new AlertPartitionWrite(session, AlertGroup.Empty(session, Clinic) with { NotificationCount = alerts.Count }, null, alerts, []), Ct);
        return (writer, session, alerts.Count);
    }

    /// <summary>Another host's decision: one new alert, the group row counting one more.</summary>
    private static async Task DecideAsync(AlertRepository writer, string session, string alertId, int count)
    {
        var before = await writer.LoadAsync(Clinic, session, Ct);
        await writer.CommitAsync(new AlertPartitionWrite(session, before.Group! with { NotificationCount = count }, before.GroupETag, [Alert(session, alertId)], []), Ct);
    }

    /// <summary>Another host's repository that lets <paramref name="decide"/> run before each of its first requests for a second page.</summary>
    private static AlertRepository Reader(string session, Func<Task> decide, int times) =>
        new(new StorageAccount(Azurite.ConnectionString, new StorageRequestCounter(), new BeforeSecondPage(session, decide, times)));

    private static Alert Alert(string session, string id) => new(
        id, session, Clinic, RuleIds.VitalsHrCritical, id, Severity.Critical, "ketamine-iv-depression", 1, "heart rate 150 /min",
        new Dictionary<string, double>(), ["mon-1"], id, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch,
        AlertState.Open, null, null, null, null, null, null, null, null, null, []);
}
