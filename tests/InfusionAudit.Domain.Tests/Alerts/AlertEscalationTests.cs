using InfusionAudit.Domain.Alerts;
using InfusionAudit.Domain.Findings;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Alerts;

public sealed class AlertEscalationTests
{
    [Fact]
    public void AnUnacknowledgedAlertEscalatesToTheEscalationTargetAtItsDeadline()
    {
        var s = new AlertScenario();
        s.Raise(AlertScenario.Finding(RuleIds.VitalsBpCritical));
        s.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        s.Tick().Notifications.ShouldBeEmpty();

        s.Advance(TimeSpan.FromSeconds(1));
        var escalation = s.Tick().Notifications.ShouldHaveSingleItem();

        escalation.Kind.ShouldBe(NotificationKind.Escalation);
        escalation.Target.ShouldBe(NotificationTarget.Escalation);
        s[RuleIds.VitalsBpCritical].EscalatedAt.ShouldBe(s.Now);
        s[RuleIds.VitalsBpCritical].History[^1].Note.ShouldBe("escalated: not acknowledged within 5 min");
    }

    [Fact]
    public void AnAlertEscalatesOnlyOnce()
    {
        var s = new AlertScenario();
        s.Raise(AlertScenario.Finding(RuleIds.VitalsBpCritical));
        s.Advance(TimeSpan.FromMinutes(5));
        s.Tick();
        s.Advance(TimeSpan.FromMinutes(10));

        s.Tick().IsEmpty.ShouldBeTrue();
        AlertPolicy.NextDue(s.Snapshot).ShouldBeNull();
    }

    [Fact]
    public void AnAcknowledgedAlertDoesNotEscalate()
    {
        var s = new AlertScenario();
        s.Raise(AlertScenario.Finding(RuleIds.VitalsBpCritical));
        s.Advance(TimeSpan.FromMinutes(4));
        s.Acknowledge(s[RuleIds.VitalsBpCritical].AlertId);
        s.Advance(TimeSpan.FromMinutes(2));

        s.Tick().Notifications.ShouldBeEmpty();
        AlertPolicy.NextDue(s.Snapshot).ShouldBeNull();
    }

    [Fact]
    public void AClinicCanHaveItsOwnDeadline()
    {
        var options = AlertPolicyOptions.Default with
        {
            Clinics = new Dictionary<string, ClinicAlertPolicy> { [AlertScenario.Clinic] = new(new HashSet<string>(), TimeSpan.FromMinutes(2)) },
        };
        var s = new AlertScenario(options);
        s.Raise(AlertScenario.Finding(RuleIds.VitalsBpCritical));

        AlertPolicy.NextDue(s.Snapshot).ShouldBe(s.Now + TimeSpan.FromMinutes(2));
        s.Advance(TimeSpan.FromMinutes(2));
        s.Tick().Notifications.ShouldHaveSingleItem().Kind.ShouldBe(NotificationKind.Escalation);
    }

    [Fact]
    public void AlertsDueTogetherEscalateInOneNotification()
    {
        var s = new AlertScenario();
        s.Raise(AlertScenario.Finding(RuleIds.VitalsBpCritical), AlertScenario.Finding(RuleIds.AeSevere, episode: "e2"));
        s.Advance(TimeSpan.FromMinutes(5));

        s.Tick().Notifications.ShouldHaveSingleItem().AlertIds.Count.ShouldBe(2);
    }

    [Fact]
    public void NextDueIsTheEarlierOfTheWindowCloseAndTheDeadline()
    {
        var s = new AlertScenario();
        s.Raise(AlertScenario.Finding(RuleIds.VitalsBpCritical));
        AlertPolicy.NextDue(s.Snapshot).ShouldBe(s.Now + TimeSpan.FromMinutes(5));

        s.Advance(TimeSpan.FromSeconds(10));
        s.Raise(AlertScenario.Finding(RuleIds.AeSevere, episode: "e2"));

        AlertPolicy.NextDue(s.Snapshot).ShouldBe(s.Now + TimeSpan.FromSeconds(20));
    }
}
