using InfusionAudit.Domain.Alerts;
using InfusionAudit.Domain.Findings;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Alerts;

/// <summary>
/// Issue 11 item 8: a problem judged with events missing is held back for at most one gap hold before it pages, because
/// the missing events are most often in flight (a dead host's messages come back within one message hold) and their
/// arrival withdraws it. The finding itself is stored at once; only the page waits.
/// </summary>
public sealed class AlertGapHoldTests
{
    private static readonly TimeSpan GapHold = AlertPolicyOptions.DefaultGapHold;

    [Fact]
    public void ACriticalProblemJudgedWithEventsMissingIsHeldNotPaged()
    {
        var s = new AlertScenario();
        var partial = AlertScenario.JudgedWithMissing(RuleIds.DoseOverDelivery, 3);

        var changes = s.Judge([partial], partial);

        changes.Notifications.ShouldBeEmpty();
        changes.Alerts.ShouldBeEmpty();
        var held = s.Group.ShouldNotBeNull().Pending.ShouldHaveSingleItem();
        held.AlertId.ShouldBe(AlertIds.For(AlertScenario.Clinic, AlertScenario.Session, RuleIds.DoseOverDelivery, ""));
        held.RaiseAt.ShouldBe(s.Now + GapHold);
        AlertPolicy.NextDue(s.Snapshot).ShouldBe(s.Now + GapHold);
    }

    [Fact]
    public void AHeldProblemStillStandingWhenTheHoldRunsOutIsRaisedAndPagedMarked()
    {
        var s = new AlertScenario();
        var partial = AlertScenario.JudgedWithMissing(RuleIds.DoseOverDelivery, 3);
        s.Judge([partial], partial);
        var heldAt = s.Now;

        s.Advance(GapHold - TimeSpan.FromSeconds(1));
        s.Tick().Notifications.ShouldBeEmpty();
        s.Advance(TimeSpan.FromSeconds(1));
        var changes = s.Tick();

        var n = changes.Notifications.ShouldHaveSingleItem();
        n.Kind.ShouldBe(NotificationKind.Trigger);
        var alert = s[RuleIds.DoseOverDelivery];
        n.AlertIds.ShouldBe([alert.AlertId]);
        alert.State.ShouldBe(AlertState.Open);
        alert.RaisedAt.ShouldBe(s.Now);
        alert.NotifiedAt.ShouldBe(s.Now);
        alert.EscalateAt.ShouldBe(s.Now + AlertPolicyOptions.DefaultEscalationDeadline);
        alert.Evidence.ShouldContain("judged with 3 events missing");
        alert.History.ShouldHaveSingleItem().Note.ShouldBe($"raised after a {GapHold.TotalSeconds:0} s hold from {heldAt:O}: judged with 3 events missing, which did not arrive");
        s.Group!.Pending.ShouldBeEmpty();
    }

    [Fact]
    public void TheMissingEventsArrivingAndWithdrawingTheProblemDropTheHeldPage()
    {
        var s = new AlertScenario();
        var partial = AlertScenario.JudgedWithMissing(RuleIds.DoseOverDelivery, 3);
        s.Judge([partial], partial);
        s.Advance(TimeSpan.FromSeconds(20));

        var changes = s.Judge([]);

        changes.IsEmpty.ShouldBeFalse("the group row records that nothing is held any more");
        s.Group!.Pending.ShouldBeEmpty();
        AlertPolicy.NextDue(s.Snapshot).ShouldBeNull();
        s.Advance(GapHold);
        s.Tick().Notifications.ShouldBeEmpty();
        s.Snapshot.Alerts.ShouldBeEmpty();
        s.Sent.ShouldBeEmpty();
    }

    [Fact]
    public void TheMissingEventsArrivingWithTheProblemStillStandingPageAtOnceWithTheWholePicture()
    {
        var s = new AlertScenario();
        var partial = AlertScenario.JudgedWithMissing(RuleIds.DoseOverDelivery, 3);
        s.Judge([partial], partial);
        s.Advance(TimeSpan.FromSeconds(5));
        var whole = AlertScenario.Finding(RuleIds.DoseOverDelivery) with { Evidence = "delivered 61 mg, prescribed 40 mg" };

        var changes = s.Judge([whole]);

        changes.Notifications.ShouldHaveSingleItem().Kind.ShouldBe(NotificationKind.Trigger);
        var alert = s[RuleIds.DoseOverDelivery];
        alert.Evidence.ShouldBe("delivered 61 mg, prescribed 40 mg");
        alert.RaisedAt.ShouldBe(s.Now);
        s.Group!.Pending.ShouldBeEmpty();
    }

    [Fact]
    public void AHeldProblemWhoseGapShrinksStaysHeldUntilItsFirstDeadline()
    {
        var s = new AlertScenario();
        s.Judge([AlertScenario.JudgedWithMissing(RuleIds.DoseOverDelivery, 3)], AlertScenario.JudgedWithMissing(RuleIds.DoseOverDelivery, 3));
        var raiseAt = s.Now + GapHold;
        s.Advance(TimeSpan.FromSeconds(10));

        s.Judge([AlertScenario.JudgedWithMissing(RuleIds.DoseOverDelivery, 1)]);
        // A retry of the first write (same new finding) must not restart the hold either.
        s.Judge([AlertScenario.JudgedWithMissing(RuleIds.DoseOverDelivery, 1)], AlertScenario.JudgedWithMissing(RuleIds.DoseOverDelivery, 1));

        var held = s.Group!.Pending.ShouldHaveSingleItem();
        held.RaiseAt.ShouldBe(raiseAt);
        held.Finding.Evidence.ShouldContain("judged with 1 events missing");
        s.Advance(raiseAt - s.Now);
        s.Tick().Notifications.ShouldHaveSingleItem();
        s[RuleIds.DoseOverDelivery].Evidence.ShouldContain("judged with 1 events missing");
    }

    [Fact]
    public void AProblemJudgedWithoutAGapPagesAtOnceBesideAHeldOne()
    {
        var s = new AlertScenario();
        var partial = AlertScenario.JudgedWithMissing(RuleIds.DoseOverDelivery, 2);
        var whole = AlertScenario.Finding(RuleIds.VitalsBpCritical, episode: "e9");

        var changes = s.Judge([partial, whole], partial, whole);

        changes.Notifications.ShouldHaveSingleItem().AlertIds.ShouldBe([s[RuleIds.VitalsBpCritical, "e9"].AlertId]);
        s.Group!.Pending.ShouldHaveSingleItem().Finding.RuleId.ShouldBe(RuleIds.DoseOverDelivery);
    }

    [Fact]
    public void AHeldProblemRaisedWithinTheGroupWindowOfAnotherPageGoesOutAsTheFollowUp()
    {
        var s = new AlertScenario();
        var partial = AlertScenario.JudgedWithMissing(RuleIds.DoseOverDelivery, 2);
        s.Judge([partial], partial);
        s.Advance(GapHold - TimeSpan.FromSeconds(10));
        var bp = AlertScenario.Finding(RuleIds.VitalsBpCritical, episode: "e9");
        s.Judge([partial, bp], bp);
        s.Advance(TimeSpan.FromSeconds(10));

        s.Tick().Notifications.ShouldBeEmpty();
        s.Group!.Held.ShouldBe([s[RuleIds.DoseOverDelivery].AlertId]);
        s.Advance(AlertPolicyOptions.DefaultGroupWindow);
        s.Tick().Notifications.ShouldHaveSingleItem().Kind.ShouldBe(NotificationKind.FollowUp);
    }

    [Fact]
    public void AReadingThatShowsHarmByItselfPagesAtOnceEvenWithEventsMissing()
    {
        // A desaturation is in the reading: no late event can take it back, so its page never waits.
        var s = new AlertScenario();
        var spo2 = AlertScenario.JudgedWithMissing(RuleIds.VitalsSpo2Critical, 2, episode: "e7");

        s.Judge([spo2], spo2).Notifications.ShouldHaveSingleItem();

        s[RuleIds.VitalsSpo2Critical, "e7"].Evidence.ShouldContain("judged with 2 events missing");
        s.Group!.Pending.ShouldBeEmpty();
    }

    [Fact]
    public void ADoseNotComputableJudgedOnDeviceClockOffsetsWaitsThoughNoEventIsKnownMissing()
    {
        // The device's fresher events, which no sequence gap announces, shrink its offset and revise the verdict.
        var s = new AlertScenario();
        var offset = AlertScenario.Finding(RuleIds.DoseNotComputable, episode: "implausible-clock") with
        {
            EvidenceValues = new Dictionary<string, double> { [Finding.ClockOffsetJudgedKey] = 1 },
        };

        s.Judge([offset], offset).Notifications.ShouldBeEmpty();

        s.Group!.Pending.ShouldHaveSingleItem();
    }

    [Fact]
    public void ADoseNotComputableForAClockBefore2015PagesAtOnce()
    {
        var s = new AlertScenario();
        var epoch = AlertScenario.Finding(RuleIds.DoseNotComputable, episode: "implausible-clock");

        s.Judge([epoch], epoch).Notifications.ShouldHaveSingleItem();
    }

    [Fact]
    public void WithoutAGapHoldEveryProblemPagesAtOnceAsBefore()
    {
        var s = new AlertScenario(AlertPolicyOptions.Default with { GapHold = TimeSpan.Zero });
        var partial = AlertScenario.JudgedWithMissing(RuleIds.DoseOverDelivery, 3);

        s.Judge([partial], partial).Notifications.ShouldHaveSingleItem();

        s[RuleIds.DoseOverDelivery].Evidence.ShouldContain("judged with 3 events missing");
        s.Group!.Pending.ShouldBeEmpty();
    }

    [Fact]
    public void AnAlertAlreadyRaisedStaysOpenWhenItsProblemIsWithdrawn()
    {
        var s = new AlertScenario();
        var whole = AlertScenario.Finding(RuleIds.DoseOverDelivery);
        s.Judge([whole], whole);
        s.Advance(TimeSpan.FromSeconds(5));

        s.Judge([]).IsEmpty.ShouldBeTrue();

        s[RuleIds.DoseOverDelivery].State.ShouldBe(AlertState.Open);
    }

    [Fact]
    public void AHeldProblemIsRaisedWhenTheHoldRunsOutEvenIfTheSessionCompletedMeanwhile()
    {
        var s = new AlertScenario();
        var partial = AlertScenario.JudgedWithMissing(RuleIds.DoseOverDelivery, 3);
        s.Judge([partial], partial);
        s.Complete();
        s.Advance(GapHold);

        s.Tick().Notifications.ShouldHaveSingleItem();

        s[RuleIds.DoseOverDelivery].State.ShouldBe(AlertState.Open);
    }
}
