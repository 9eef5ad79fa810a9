using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Rules;

public sealed class TimerRuleTests
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    [Fact]
    public void ASessionWithoutAnEndIsOverdueAfterPlannedDurationPlusThirtyMinutes()
    {
        var builder = new SessionBuilder().StartIv().RateMlPerHour(0, 52.5);
        var due = SessionBuilder.At(70);

        builder.Evaluate(asOf: due).Has(RuleIds.SessionOverdue).ShouldBeFalse();
        var finding = builder.Evaluate(asOf: due + OneSecond).Single(RuleIds.SessionOverdue);

        finding.DetectedAt.ShouldBe(due);
        finding.TriggerEventId.ShouldBeNull();
        finding.Severity.ShouldBe(Severity.Warning);
        builder.Evaluate(asOf: due.AddHours(5)).Single(RuleIds.SessionOverdue).ShouldBe(finding);
    }

    [Theory]
    [InlineData(70, false)]
    [InlineData(70 + 1.0 / 60, true)]
    public void AnEndDatedPastTheDeadlineIsTheSameOverdueFinding(double endMin, bool fires)
    {
        var evaluation = new SessionBuilder().StartIv().RateMlPerHour(0, 52.5).RateMlPerHour(40, 0).End(endMin).Evaluate();

        evaluation.Has(RuleIds.SessionOverdue).ShouldBe(fires);
        if (fires)
        {
            var finding = evaluation.Single(RuleIds.SessionOverdue);
            finding.DetectedAt.ShouldBe(SessionBuilder.At(70));
            finding.TriggerEventId.ShouldBeNull();
        }
    }

    [Fact]
    public void ARunningInfusionSilentForFifteenMinutesIsFlagged()
    {
        var builder = new SessionBuilder().StartIv().RateMlPerHour(0, 52.5).Vitals(5, hr: 70);
        var lastReceipt = builder.Last.ReceivedAt;

        builder.Evaluate(asOf: lastReceipt + TimeSpan.FromMinutes(15) - OneSecond).Has(RuleIds.DeviceSilent).ShouldBeFalse();
        var finding = builder.Evaluate(asOf: lastReceipt + TimeSpan.FromMinutes(15)).Single(RuleIds.DeviceSilent);

        finding.DetectedAt.ShouldBe(lastReceipt + TimeSpan.FromMinutes(15));
        finding.EpisodeKey.ShouldBe(builder.Last.Event.EventId);
        finding.TriggerEventId.ShouldBeNull();
    }

    [Fact]
    public void TheSilenceFindingSurvivesTheEventThatEndsTheSilence()
    {
        var builder = new SessionBuilder().StartIv().RateMlPerHour(0, 52.5).Vitals(5, hr: 70);
        var byTimer = builder.Evaluate(asOf: builder.Last.ReceivedAt + TimeSpan.FromMinutes(16)).Single(RuleIds.DeviceSilent);

        builder.Vitals(25, hr: 72);

        builder.Evaluate().Single(RuleIds.DeviceSilent).ShouldBe(byTimer);
    }

    [Fact]
    public void APausedOrEndedInfusionIsNotSilent()
    {
        var paused = new SessionBuilder().StartIv().RateMlPerHour(0, 52.5).Pause(5);
        paused.Evaluate(asOf: SessionBuilder.At(60)).Has(RuleIds.DeviceSilent).ShouldBeFalse();

        var ended = new SessionBuilder().StartIv().RateMlPerHour(0, 52.5).Vitals(10, hr: 70).Vitals(20, hr: 70).Vitals(30, hr: 70).End(40);
        ended.Evaluate(asOf: SessionBuilder.At(120)).Has(RuleIds.DeviceSilent).ShouldBeFalse();

        var stopped = new SessionBuilder().StartIv().RateMlPerHour(0, 52.5).Vitals(10, hr: 70).Vitals(20, hr: 70).Vitals(30, hr: 70).RateMlPerHour(40, 0);
        stopped.Evaluate(asOf: SessionBuilder.At(60)).Has(RuleIds.DeviceSilent).ShouldBeFalse();
    }

    [Theory]
    [InlineData(15, true)]
    [InlineData(15 - (1.0 / 60), false)]
    public void TheGapBetweenTwoReceiptsCountsWhenTheInfusionRan(double gapMin, bool fires)
    {
        var evaluation = new SessionBuilder().StartIv().RateMlPerHour(0, 52.5).Vitals(10, hr: 70).Vitals(10 + gapMin, hr: 70).End(30).Evaluate();

        evaluation.Of(RuleIds.DeviceSilent).Select(f => f.EpisodeKey).ShouldBe(fires ? ["S-0001-0002"] : []);
    }

    [Fact]
    public void AnOpenSessionUnheardForTwentyFourHoursIsAbandonedAtThatInstant()
    {
        var builder = new SessionBuilder().StartIv().RateMlPerHour(0, 52.5).Vitals(5, hr: 70);
        var deadline = builder.Last.ReceivedAt + TimeSpan.FromHours(24);

        builder.Evaluate(asOf: deadline - OneSecond).Has(RuleIds.SessionAbandoned).ShouldBeFalse();
        var finding = builder.Evaluate(asOf: deadline).Single(RuleIds.SessionAbandoned);

        finding.DetectedAt.ShouldBe(deadline);
        finding.Severity.ShouldBe(Severity.Warning);
        finding.TriggerEventId.ShouldBeNull();
        builder.Evaluate(asOf: deadline.AddDays(30)).Single(RuleIds.SessionAbandoned).ShouldBe(finding);
    }

    [Fact]
    public void AnEndedSessionIsNeverAbandonedAndASessionThatSendsAgainIsNoLonger()
    {
        var ended = new SessionBuilder().StartIv().RateMlPerHour(0, 52.5).RateMlPerHour(40, 0).End(45);
        ended.Evaluate(asOf: SessionBuilder.At(60 * 24 * 10)).Has(RuleIds.SessionAbandoned).ShouldBeFalse();

        var resumed = new SessionBuilder().StartIv().RateMlPerHour(0, 52.5);
        resumed.Evaluate(asOf: SessionBuilder.At(60 * 25)).Has(RuleIds.SessionAbandoned).ShouldBeTrue();
        resumed.Vitals(60 * 25, hr: 70);
        resumed.Evaluate(asOf: SessionBuilder.At(60 * 25)).Has(RuleIds.SessionAbandoned).ShouldBeFalse();
    }

    [Fact]
    public void EventsWithoutAStartForMoreThanTenMinutesAreFlagged()
    {
        var builder = new SessionBuilder().Vitals(0, hr: 70);
        var deadline = builder.Last.ReceivedAt + TimeSpan.FromMinutes(10);

        builder.Evaluate(asOf: deadline).Has(RuleIds.SessionNoStart).ShouldBeFalse();
        var finding = builder.Evaluate(asOf: deadline + OneSecond).Single(RuleIds.SessionNoStart);

        finding.DetectedAt.ShouldBe(deadline);
        finding.ProtocolId.ShouldBe(TestProtocols.IvId);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    public void AStartArrivingAfterTenMinutesKeepsTheFinding(int lateSeconds, bool fires)
    {
        var builder = new SessionBuilder().Vitals(0, hr: 70);
        var deadline = builder.Last.ReceivedAt + TimeSpan.FromMinutes(10);
        builder.StartIv(minute: -1).ReceivedAt(deadline.AddSeconds(lateSeconds));

        var evaluation = builder.Evaluate(asOf: deadline.AddHours(1));

        evaluation.Has(RuleIds.SessionNoStart).ShouldBe(fires);
        if (fires)
        {
            evaluation.Single(RuleIds.SessionNoStart).DetectedAt.ShouldBe(deadline);
        }
    }

    [Fact]
    public void AnEventDatedAtTheEndOfTimeDoesNotStopTheEvaluation()
    {
        var lastHalfHour = (new DateTimeOffset(9999, 12, 31, 23, 30, 0, TimeSpan.Zero) - SessionBuilder.T0).TotalMinutes;
        var builder = new SessionBuilder().StartIv(minute: lastHalfHour).RateMlPerHour(lastHalfHour, 52.5);

        var evaluation = builder.Evaluate(asOf: DateTimeOffset.MaxValue);

        evaluation.State.Status.ShouldBe(Domain.Sessions.SessionStatus.Running);
        evaluation.Single(RuleIds.DeviceSilent).DetectedAt.ShouldBe(builder.Last.ReceivedAt + TimeSpan.FromMinutes(15));
    }
}
