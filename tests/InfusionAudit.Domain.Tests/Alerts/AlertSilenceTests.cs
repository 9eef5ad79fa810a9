using InfusionAudit.Domain.Alerts;
using InfusionAudit.Domain.Findings;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Alerts;

// Catalogue v2: silences apply to warning alerts only (critical ones: CriticalAlertStaysOpenTests), so these use
// warnings the clinic opted into.
public sealed class AlertSilenceTests
{
    [Fact]
    public void AClinicSilenceRecordsTheAlertAsSuppressedWithoutNotifying()
    {
        var s = new AlertScenario(WarningsOptedIn());
        s.Silences.Add(Silence(s, deviceId: null));

        var changes = s.Raise(Warning(RuleIds.VitalsBpHigh));

        changes.Notifications.ShouldBeEmpty();
        var alert = changes.Alerts.ShouldHaveSingleItem();
        alert.SuppressedBy.ShouldBe("sil-1");
        alert.EscalateAt.ShouldBeNull();
        alert.History.ShouldHaveSingleItem().Note.ShouldContain("silence sil-1");
        changes.GroupChanged.ShouldBeTrue();
    }

    [Fact]
    public void ADeviceSilenceAppliesOnlyToThatDevice()
    {
        var s = new AlertScenario(WarningsOptedIn());
        s.Silences.Add(Silence(s, deviceId: "pump-99"));

        s.Raise(Warning(RuleIds.VitalsBpHigh)).Notifications.ShouldHaveSingleItem();

        var silence = Silence(s, deviceId: AlertScenario.Device);
        silence.Matches(AlertScenario.Clinic, [AlertScenario.Device], s.Now).ShouldBeTrue();
        silence.Matches(AlertScenario.Clinic, ["pump-1"], s.Now).ShouldBeFalse();
        silence.Matches("other-clinic", [AlertScenario.Device], s.Now).ShouldBeFalse();
    }

    [Fact]
    public void ASilenceAppliesFromItsStartUntilItsEndOrExpiry()
    {
        var s = new AlertScenario();
        var silence = Silence(s, deviceId: null);

        silence.IsActiveAt(s.Now - TimeSpan.FromTicks(1)).ShouldBeFalse();
        silence.IsActiveAt(s.Now).ShouldBeTrue();
        silence.IsActiveAt(silence.EndsAt - TimeSpan.FromTicks(1)).ShouldBeTrue();
        silence.IsActiveAt(silence.EndsAt).ShouldBeFalse();

        var expired = silence with { ExpiredAt = s.Now + TimeSpan.FromMinutes(10), ExpiredBy = new AlertActor("ops", "admin:1") };
        expired.IsActiveAt(s.Now + TimeSpan.FromMinutes(10)).ShouldBeFalse();
        expired.EffectiveEnd.ShouldBe(s.Now + TimeSpan.FromMinutes(10));
    }

    [Fact]
    public void ASilenceThatStartedAfterTheAlertSuppressesItsEscalation()
    {
        var s = new AlertScenario(WarningsOptedIn());
        s.Raise(Warning(RuleIds.VitalsBpHigh));
        s.Advance(TimeSpan.FromMinutes(1));
        s.Silences.Add(Silence(s, deviceId: null));
        s.Advance(TimeSpan.FromMinutes(4));

        var tick = s.Tick();

        tick.Notifications.ShouldBeEmpty();
        s[RuleIds.VitalsBpHigh, "w1"].SuppressedBy.ShouldBe("sil-1");
        AlertPolicy.NextDue(s.Snapshot).ShouldBeNull();
    }

    [Fact]
    public void AHeldProblemSilencedBeforeTheWindowClosesIsNotSent()
    {
        var s = new AlertScenario(WarningsOptedIn());
        s.Raise(AlertScenario.Finding(RuleIds.VitalsBpCritical));
        s.Advance(TimeSpan.FromSeconds(5));
        s.Raise(Warning(RuleIds.PauseLong));
        s.Silences.Add(Silence(s, deviceId: null));
        s.Advance(TimeSpan.FromSeconds(30));

        s.Tick().Notifications.ShouldBeEmpty();
        s[RuleIds.PauseLong, "w1"].SuppressedBy.ShouldBe("sil-1");
    }

    private static Finding Warning(string ruleId) => AlertScenario.Finding(ruleId, Severity.Warning, episode: "w1");

    private static AlertPolicyOptions WarningsOptedIn() => AlertPolicyOptions.Default with
    {
        Clinics = new Dictionary<string, ClinicAlertPolicy> { [AlertScenario.Clinic] = new(new HashSet<string> { RuleIds.VitalsBpHigh, RuleIds.PauseLong }, null) },
    };

    private static Silence Silence(AlertScenario s, string? deviceId) =>
        new("sil-1", AlertScenario.Clinic, deviceId, s.Now, s.Now + TimeSpan.FromHours(1), "pump maintenance", new AlertActor("ops", "admin:1"), s.Now, null, null);
}
