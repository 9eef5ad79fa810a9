using InfusionAudit.Application.Alerts;
using InfusionAudit.Domain.Alerts;
using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Sessions;
using InfusionAudit.Infrastructure.Alerts;
using InfusionAudit.Application.Ports.Alerts;
using InfusionAudit.Infrastructure.Storage.Alerts;
using InfusionAudit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static InfusionAudit.Testing.AlertTestHost;

namespace InfusionAudit.Application.Tests.Alerts;

/// <summary>The outbox on Azurite: concurrent writers for one session, the group row's ETag guard, the timer's due index.</summary>
public sealed class AlertStorageTests
{
    [Fact]
    public async Task WritersRacingOnOneSessionStoreOneAlertAndOneNotification()
    {
        await using var host = await StartAsync(NewName("alerts"), NewName("scope"), new Dictionary<string, string?> { ["InfusionAudit:Alerts:InlineDispatch"] = "false" });
        var raiser = host.Get<AlertRaiser>();
        var request = Request("S-race-" + Guid.NewGuid().ToString("N")[..10]);

        var created = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => raiser.RaiseAsync(request, Ct))));

        created.Sum(c => c.Count).ShouldBe(1);
        var partition = await host.Get<AlertRepository>().LoadAsync(request.Evaluation.State.ClinicId, request.SessionId, Ct);
        partition.Alerts.ShouldHaveSingleItem().RuleId.ShouldBe(RuleIds.VitalsBpCritical);
        partition.Notifications.ShouldHaveSingleItem().Notification.NotificationId.ShouldBe(request.SessionId + "@" + request.Evaluation.State.ClinicId + "~n001");
        partition.Group!.NotificationCount.ShouldBe(1);
    }

    [Fact]
    public async Task AWriteWithAStaleGroupETagIsRefused()
    {
        await using var host = await StartAsync(NewName("alerts"), NewName("scope"), new Dictionary<string, string?> { ["InfusionAudit:Alerts:InlineDispatch"] = "false" });
        var request = Request("S-etag-" + Guid.NewGuid().ToString("N")[..10]);
        await host.Get<AlertRaiser>().RaiseAsync(request, Ct);
        var repository = host.Get<AlertRepository>();
        var stale = await repository.LoadAsync(request.Evaluation.State.ClinicId, request.SessionId, Ct);
        var alert = stale.Alerts.Single();
        var decided = AlertPolicy.Acknowledge(stale.Snapshot, alert.AlertId, new AlertActor("a", null), null, DateTimeOffset.UtcNow).Changes!;
        await host.Get<AlertStore>().StoreAsync(stale, decided, DateTimeOffset.UtcNow, Ct);

        var second = AlertPolicy.Resolve(stale.Snapshot, alert.AlertId, new AlertActor("b", null), "late", DateTimeOffset.UtcNow).Changes!;

        await Should.ThrowAsync<AlertWriteConflictException>(() => host.Get<AlertStore>().StoreAsync(stale, second, DateTimeOffset.UtcNow, Ct));
        (await repository.LoadAsync(request.Evaluation.State.ClinicId, request.SessionId, Ct)).Alerts.Single().State.ShouldBe(AlertState.Acknowledged);
    }

    [Fact]
    public async Task AListingRowOfARaiseThatNeverCommittedIsNotListedTwice()
    {
        // A host killed between the listing rows of a raise and the partition commit leaves rows with that attempt's
        // raise time; the next host raises the alert again at another time. The list must show the alert once.
        await using var host = await StartAsync(NewName("alerts"), NewName("scope"), new Dictionary<string, string?> { ["InfusionAudit:Alerts:InlineDispatch"] = "false" });
        var request = Request("S-relist-" + Guid.NewGuid().ToString("N")[..10]);
        var clinicId = request.Evaluation.State.ClinicId;
        await host.Get<AlertRaiser>().RaiseAsync(request, Ct);
        var alert = (await host.Get<AlertRepository>().LoadAsync(clinicId, request.SessionId, Ct)).Alerts.Single();
        var index = host.Get<AlertIndex>();
        await index.ListAsync(alert with { RaisedAt = alert.RaisedAt - TimeSpan.FromSeconds(40) }, Ct);

        var handler = host.Get<AlertQueryHandler>();
        foreach (var state in new AlertState?[] { null, AlertState.Open })
        {
            var listed = await handler.ListAsync(clinicId, state, 200, null, Ct);
            listed.Items.Count(i => i.Alert.AlertId == alert.AlertId).ShouldBe(1, $"listed {state?.ToString() ?? "all"}");
        }

        // The stale rows were removed on that read.
        var again = await index.PageAsync(clinicId, null, 200, null, Ct);
        again.Page.Entries.Count(e => e.AlertId == alert.AlertId).ShouldBe(1);
    }

    [Fact]
    public async Task TheTimerFindsDueSessionsOnlyInItsOwnScope()
    {
        await using var host = await StartAsync(NewName("alerts"), NewName("scope"), new Dictionary<string, string?> { ["LocalHost:AlertClock"] = "off" });
        var index = host.Get<AlertIndex>();
        var scope = NewName("scope");
        var session = "S-due-" + Guid.NewGuid().ToString("N")[..10];
        var now = DateTimeOffset.UtcNow;
        await index.ScheduleAsync(scope, session, "abq-01", now.AddSeconds(-1), Ct);
        await index.ScheduleAsync(scope, session + "-later", "abq-01", now.AddMinutes(5), Ct);

        var due = await index.ListDueAsync(scope, now, 100, Ct);
        var elsewhere = await index.ListDueAsync(NewName("scope"), now, 100, Ct);

        due.ShouldHaveSingleItem().SessionId.ShouldBe(session);
        elsewhere.ShouldBeEmpty();

        // A writer rescheduling in between wins over the timer's stale removal.
        await index.ScheduleAsync(scope, session, "abq-01", now.AddSeconds(-1), Ct);
        await index.RescheduleAsync(scope, due[0], null, Ct);
        (await index.ListDueAsync(scope, now, 100, Ct)).ShouldHaveSingleItem();
    }

    internal static AlertRaiseRequest Request(string sessionId, string clinicId = "abq-01")
    {
        var script = new SessionScript(sessionId, clinicId);
        var finding = new Finding(
            RuleIds.VitalsBpCritical, Severity.Critical, sessionId, script.ClinicId, "ketamine-iv-depression", 1, "e1",
            "Blood pressure 205/125 mmHg", new Dictionary<string, double> { ["systolicMmHg"] = 205 }, $"{sessionId}-e0", DateTimeOffset.UtcNow);
        var parsed = EventParser.Parse(CriticalBloodPressure(script, TimeSpan.FromMinutes(5)).ToJsonString()).Events.Single().Event!;
        var state = new SessionState
        {
            SessionId = sessionId,
            ClinicId = script.ClinicId,
            DeviceIds = ["pump-17"],
            Status = SessionStatus.Running,
            RateSegments = [],
            RunningTimeMin = 0,
            PausedTimeMin = 0,
            PauseCount = 0,
            DiscreteDoseCount = 0,
            DiscreteDoseMg = 0,
            FirstOccurredAt = DateTimeOffset.UtcNow,
            LastOccurredAt = DateTimeOffset.UtcNow,
            FirstReceivedAt = DateTimeOffset.UtcNow,
            LastEventReceivedAt = DateTimeOffset.UtcNow,
            LastSequence = 0,
            EventCount = 1,
            MissingSequenceNumbers = [],
            MissingSequenceCount = 0,
        };
        return new AlertRaiseRequest(sessionId, new SessionEvaluation(state, [finding]), [finding], [new StoredEvent(parsed, DateTimeOffset.UtcNow)], false);
    }
}
