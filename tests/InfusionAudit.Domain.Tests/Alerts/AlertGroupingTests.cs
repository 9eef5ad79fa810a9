using InfusionAudit.Domain.Alerts;
using InfusionAudit.Domain.Findings;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Alerts;

public sealed class AlertGroupingTests
{
    [Fact]
    public void TheFirstCriticalProblemOfASessionNotifiesAtOnce()
    {
        var s = new AlertScenario();

        var changes = s.Raise(AlertScenario.Finding(RuleIds.VitalsBpCritical, episode: "e1"));

        var n = changes.Notifications.ShouldHaveSingleItem();
        n.Kind.ShouldBe(NotificationKind.Trigger);
        n.Target.ShouldBe(NotificationTarget.OnCall);
        n.NotificationId.ShouldBe("S-1@abq-01~n001");
        n.AlertIds.ShouldBe([AlertIds.For(AlertScenario.Clinic, AlertScenario.Session, RuleIds.VitalsBpCritical, "e1")]);
        s[RuleIds.VitalsBpCritical, "e1"].NotifiedAt.ShouldBe(s.Now);
        s[RuleIds.VitalsBpCritical, "e1"].State.ShouldBe(AlertState.Open);
    }

    [Fact]
    public void SeveralProblemsShownByOneWriteGoOutAsOneNotification()
    {
        var s = new AlertScenario();

        var changes = s.Raise(AlertScenario.Finding(RuleIds.VitalsBpCritical), AlertScenario.Finding(RuleIds.AeSevere, episode: "e2"));

        changes.Notifications.ShouldHaveSingleItem().AlertIds.Count.ShouldBe(2);
    }

    [Fact]
    public void ARepeatOfAnOpenProblemNeverNotifiesAgain()
    {
        var s = new AlertScenario();
        s.Raise(AlertScenario.Finding(RuleIds.VitalsBpCritical));
        s.Advance(TimeSpan.FromMinutes(2));

        var again = s.Raise(AlertScenario.Finding(RuleIds.VitalsBpCritical));

        again.IsEmpty.ShouldBeTrue();
        s.Sent.Count.ShouldBe(1);
    }

    [Fact]
    public void ARepeatNeverResetsAnAcknowledgedAlert()
    {
        var s = new AlertScenario();
        s.Raise(AlertScenario.Finding(RuleIds.VitalsBpCritical));
        s.Acknowledge(s[RuleIds.VitalsBpCritical].AlertId);

        s.Raise(AlertScenario.Finding(RuleIds.VitalsBpCritical));

        s[RuleIds.VitalsBpCritical].State.ShouldBe(AlertState.Acknowledged);
    }

    [Fact]
    public void NewProblemsWithinTheWindowAreHeldAndSentAsOneFollowUpWhenItCloses()
    {
        var s = new AlertScenario();
        s.Raise(AlertScenario.Finding(RuleIds.VitalsBpCritical));
        s.Advance(TimeSpan.FromSeconds(5));
        s.Raise(AlertScenario.Finding(RuleIds.AeSevere, episode: "e2")).Notifications.ShouldBeEmpty();
        s.Advance(TimeSpan.FromSeconds(10));
        s.Raise(AlertScenario.Finding(RuleIds.VitalsSpo2Critical, episode: "e3")).Notifications.ShouldBeEmpty();

        s.Advance(TimeSpan.FromSeconds(14));
        s.Tick().Notifications.ShouldBeEmpty();
        s.Advance(TimeSpan.FromSeconds(1));
        var followUp = s.Tick().Notifications.ShouldHaveSingleItem();

        followUp.Kind.ShouldBe(NotificationKind.FollowUp);
        followUp.NotificationId.ShouldBe("S-1@abq-01~n002");
        followUp.AlertIds.ShouldBe([s[RuleIds.AeSevere, "e2"].AlertId, s[RuleIds.VitalsSpo2Critical, "e3"].AlertId]);
        s.Group!.Held.ShouldBeEmpty();
        s[RuleIds.AeSevere, "e2"].NotifiedAt.ShouldBe(s.Now);
    }

    [Fact]
    public void AFollowUpStartsANewWindow()
    {
        var s = new AlertScenario();
        s.Raise(AlertScenario.Finding(RuleIds.VitalsBpCritical));
        s.Advance(TimeSpan.FromSeconds(10));
        s.Raise(AlertScenario.Finding(RuleIds.AeSevere, episode: "e2"));
        s.Advance(TimeSpan.FromSeconds(20));
        s.Tick();

        s.Advance(TimeSpan.FromSeconds(10));
        s.Raise(AlertScenario.Finding(RuleIds.VitalsRrCritical, episode: "e3")).Notifications.ShouldBeEmpty();

        s.Group!.FlushAt.ShouldBe(s.Now + TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void ANewProblemAfterTheWindowClosedNotifiesAtOnce()
    {
        var s = new AlertScenario();
        s.Raise(AlertScenario.Finding(RuleIds.VitalsBpCritical, episode: "e1"));
        s.Advance(TimeSpan.FromSeconds(30));

        var later = s.Raise(AlertScenario.Finding(RuleIds.VitalsBpCritical, episode: "e9"));

        later.Notifications.ShouldHaveSingleItem().Kind.ShouldBe(NotificationKind.Trigger);
    }

    [Fact]
    public void HeldProblemsTheTimerHasNotSentYetGoOutWithTheNextImmediateNotification()
    {
        var s = new AlertScenario();
        s.Raise(AlertScenario.Finding(RuleIds.VitalsBpCritical));
        s.Advance(TimeSpan.FromSeconds(10));
        s.Raise(AlertScenario.Finding(RuleIds.AeSevere, episode: "e2"));
        s.Advance(TimeSpan.FromSeconds(25));

        var changes = s.Raise(AlertScenario.Finding(RuleIds.VitalsRrCritical, episode: "e3"));

        changes.Notifications.ShouldHaveSingleItem().AlertIds.Count.ShouldBe(2);
        s.Group!.Held.ShouldBeEmpty();
        s.Tick().Notifications.ShouldBeEmpty();
    }

    [Fact]
    public void AHeldProblemAcknowledgedBeforeTheWindowClosesIsNotSentAgain()
    {
        var s = new AlertScenario();
        s.Raise(AlertScenario.Finding(RuleIds.VitalsBpCritical));
        s.Advance(TimeSpan.FromSeconds(5));
        s.Raise(AlertScenario.Finding(RuleIds.AeSevere, episode: "e2"));
        s.Acknowledge(s[RuleIds.AeSevere, "e2"].AlertId).Changes!.Notifications.ShouldBeEmpty();
        s.Advance(TimeSpan.FromSeconds(30));

        var tick = s.Tick();

        tick.Notifications.ShouldBeEmpty();
        tick.GroupChanged.ShouldBeTrue();
        s.Group!.FlushAt.ShouldBeNull();
    }

    [Fact]
    public void InfoAndNotOptedInWarningFindingsDoNotAlert()
    {
        var s = new AlertScenario();

        var changes = s.Raise(
            AlertScenario.Finding(RuleIds.AeReported, Severity.Info),
            AlertScenario.Finding(RuleIds.VitalsBpHigh, Severity.Warning));

        changes.IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void AWarningRuleAClinicOptedIntoAlerts()
    {
        var options = AlertPolicyOptions.Default with
        {
            Clinics = new Dictionary<string, ClinicAlertPolicy> { [AlertScenario.Clinic] = new(new HashSet<string> { RuleIds.VitalsBpHigh }, null) },
        };
        var s = new AlertScenario(options);

        var changes = s.Raise(AlertScenario.Finding(RuleIds.VitalsBpHigh, Severity.Warning), AlertScenario.Finding(RuleIds.VitalsHrHigh, Severity.Warning));

        changes.Alerts.ShouldHaveSingleItem().RuleId.ShouldBe(RuleIds.VitalsBpHigh);
        options.Alerts(AlertScenario.Finding(RuleIds.VitalsBpHigh, Severity.Warning, clinic: "other")).ShouldBeFalse();
    }

    [Fact]
    public void AlertIdsAreDeterministicAndNameTheirClinicAndSession()
    {
        var id = AlertIds.For("abq-01", "S-9", RuleIds.AeSevere, "evt-1");

        id.ShouldBe(AlertIds.For("abq-01", "S-9", RuleIds.AeSevere, "evt-1"));
        id.ShouldStartWith("S-9@abq-01~AE-SEVERE~");
        id.ShouldNotBe(AlertIds.For("abq-01", "S-9", RuleIds.AeSevere, "evt-2"));
        id.ShouldNotBe(AlertIds.For("abq-02", "S-9", RuleIds.AeSevere, "evt-1"));
        AlertIds.SessionOf(id).ShouldBe(("abq-01", "S-9"));
        AlertIds.SessionOf(AlertIds.Notification("abq-01", "S-9", 3)).ShouldBe(("abq-01", "S-9"));
        AlertIds.Notification("abq-01", "S-9", 3).ShouldNotBe(AlertIds.Notification("abq-02", "S-9", 3));
        AlertIds.SessionOf("no-separator").ShouldBeNull();
        AlertIds.SessionOf("S-9~AE-SEVERE~00000000").ShouldBeNull();
    }
}
