using InfusionAudit.Domain.Alerts;
using InfusionAudit.Domain.Findings;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Alerts;

public sealed class AlertStateTests
{
    [Fact]
    public void AcknowledgingRecordsWhoAndWhenAndNotifiesTheStatus()
    {
        var s = new AlertScenario();
        s.Raise(AlertScenario.Finding(RuleIds.VitalsBpCritical));
        s.Advance(TimeSpan.FromMinutes(1));

        var result = s.Acknowledge(s[RuleIds.VitalsBpCritical].AlertId);

        result.Status.ShouldBe(AlertCommandStatus.Changed);
        var alert = s[RuleIds.VitalsBpCritical];
        alert.State.ShouldBe(AlertState.Acknowledged);
        alert.AcknowledgedBy.ShouldBe(new AlertActor("Dr. Ortiz", "oncall:1234abcd"));
        alert.AcknowledgedAt.ShouldBe(s.Now);
        alert.History.Select(h => h.State).ShouldBe([AlertState.Open, AlertState.Acknowledged]);
        result.Changes!.Notifications.ShouldHaveSingleItem().Kind.ShouldBe(NotificationKind.Acknowledge);
    }

    [Fact]
    public void AcknowledgingTwiceChangesNothing()
    {
        var s = new AlertScenario();
        s.Raise(AlertScenario.Finding(RuleIds.VitalsBpCritical));
        var id = s[RuleIds.VitalsBpCritical].AlertId;
        s.Acknowledge(id);

        s.Acknowledge(id, by: "someone else").Status.ShouldBe(AlertCommandStatus.Unchanged);
        s[RuleIds.VitalsBpCritical].AcknowledgedBy!.Name.ShouldBe("Dr. Ortiz");
    }

    [Fact]
    public void AResolvedAlertCannotBeAcknowledged()
    {
        var s = new AlertScenario();
        s.Raise(AlertScenario.Finding(RuleIds.VitalsBpCritical));
        var id = s[RuleIds.VitalsBpCritical].AlertId;
        s.Resolve(id);

        s.Acknowledge(id).Status.ShouldBe(AlertCommandStatus.AlreadyResolved);
        s.Resolve(id).Status.ShouldBe(AlertCommandStatus.Unchanged);
    }

    [Fact]
    public void ResolvingRecordsWhoWhenAndWhy()
    {
        var s = new AlertScenario();
        s.Raise(AlertScenario.Finding(RuleIds.VitalsBpCritical));
        var id = s[RuleIds.VitalsBpCritical].AlertId;
        s.Acknowledge(id);
        s.Advance(TimeSpan.FromMinutes(3));

        var result = s.Resolve(id, reason: "BP 150/95 on repeat");

        var alert = s[RuleIds.VitalsBpCritical];
        alert.State.ShouldBe(AlertState.Resolved);
        alert.ResolvedBy!.Name.ShouldBe("Dr. Ortiz");
        alert.ResolvedAt.ShouldBe(s.Now);
        alert.ResolveReason.ShouldBe("BP 150/95 on repeat");
        alert.History.Select(h => h.State).ShouldBe([AlertState.Open, AlertState.Acknowledged, AlertState.Resolved]);
        result.Changes!.Notifications.ShouldHaveSingleItem().Kind.ShouldBe(NotificationKind.Resolve);
    }

    [Fact]
    public void UnknownAlertsAreNotFound()
    {
        var s = new AlertScenario();

        s.Acknowledge("S-1@abq-01~AE-SEVERE~00000000").Status.ShouldBe(AlertCommandStatus.NotFound);
    }

    [Fact]
    public void ACompletedSessionResolvesItsAlertsAutomaticallyWithTheReason()
    {
        var s = new AlertScenario();
        s.Raise(AlertScenario.Finding(RuleIds.VitalsBpCritical));
        s.Advance(TimeSpan.FromMinutes(1));
        s.Acknowledge(s[RuleIds.VitalsBpCritical].AlertId);
        s.Advance(TimeSpan.FromMinutes(30));

        var changes = s.Complete();

        var alert = s[RuleIds.VitalsBpCritical];
        alert.State.ShouldBe(AlertState.Resolved);
        alert.ResolvedBy.ShouldBe(AlertActor.System);
        alert.ResolveReason.ShouldBe(AlertPolicy.SessionCompletedReason);
        changes.Notifications.ShouldHaveSingleItem().Kind.ShouldBe(NotificationKind.Resolve);
    }

    [Fact]
    public void AProblemShownByTheCompletingWriteItselfStaysOpen()
    {
        var s = new AlertScenario();

        var changes = s.Complete(AlertScenario.Finding(RuleIds.DurationHard, episode: "actual"));

        s[RuleIds.DurationHard, "actual"].State.ShouldBe(AlertState.Open);
        changes.Notifications.ShouldHaveSingleItem().Kind.ShouldBe(NotificationKind.Trigger);
    }

    [Fact]
    public void ResolvingASuppressedAlertSendsNothing()
    {
        // Catalogue v2: only a warning can be silenced, and only it is resolved by completion without a person.
        var s = new AlertScenario(AlertPolicyOptions.Default with
        {
            Clinics = new Dictionary<string, ClinicAlertPolicy> { [AlertScenario.Clinic] = new(new HashSet<string> { RuleIds.VitalsBpHigh }, null) },
        });
        s.Silences.Add(new Silence("sil-1", AlertScenario.Clinic, null, s.Now, s.Now.AddHours(1), "maintenance", AlertActor.System, s.Now, null, null));
        s.Raise(AlertScenario.Finding(RuleIds.VitalsBpHigh, Severity.Warning));

        s.Complete().Notifications.ShouldBeEmpty();
        s[RuleIds.VitalsBpHigh].State.ShouldBe(AlertState.Resolved);
    }

    [Fact]
    public void NotificationNumbersCountUpAcrossKinds()
    {
        var s = new AlertScenario();
        s.Raise(AlertScenario.Finding(RuleIds.VitalsBpCritical));
        s.Acknowledge(s[RuleIds.VitalsBpCritical].AlertId);
        s.Resolve(s[RuleIds.VitalsBpCritical].AlertId);

        s.Sent.Select(n => n.NotificationId).ShouldBe(["S-1@abq-01~n001", "S-1@abq-01~n002", "S-1@abq-01~n003"]);
    }
}
