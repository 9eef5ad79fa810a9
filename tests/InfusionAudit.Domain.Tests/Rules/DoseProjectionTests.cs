using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Rules;

/// <summary>Catalogue v2: the delivered dose projected to the evaluation time, and the pump's own counter as dose evidence.</summary>
public sealed class DoseProjectionTests
{
    private const string OverDelivery = "DOSE-OVER-DELIVERY";
    private const string HardLimit = "DOSE-HARD-LIMIT";

    // 35 mg prescribed, limit 38.5 mg; 52.5 mL/h at 1 mg/mL from minute 2 crosses it at minute 2 + 44.
    private static SessionBuilder RunningOnWithoutEvents(double mlPerHour = 52.5) =>
        new SessionBuilder()
            .StartIv()
            .Vitals(1, hr: 72, sys: 128, dia: 80, spo2: 98, rr: 14)
            .RateMlPerHour(2, mlPerHour)
            .PumpTotal(10, mlPerHour * 8 / 60);

    [Fact]
    public void APumpRunningOnWithNoFurtherEventsIsOverDeliveredOnTheClock()
    {
        var session = RunningOnWithoutEvents();

        var finding = session.Evaluate(asOf: SessionBuilder.At(47)).Single(OverDelivery);

        finding.Severity.ShouldBe(Severity.Critical);
        finding.Evidence.ShouldContain("projected at");
        finding.DetectedAt.ShouldBe(SessionBuilder.At(46) + session.ReceiveDelay);
        finding.TriggerEventId.ShouldBeNull();
    }

    [Fact]
    public void ABacklogForwardedADayLateDoesNotPageWhileItsStopIsStillInTransit()
    {
        // A gateway back from an outage forwards yesterday's session: the start and the running rate arrive first, the stop
        // a few seconds later. Projecting the rate to the backend's now would page a false critical for every session of the
        // day; in the stream's own time (receipt − occurrence) the pump has run only minutes since its last event.
        var late = new SessionBuilder { ReceiveDelay = TimeSpan.FromDays(1) }
            .StartIv()
            .Vitals(1, hr: 72, sys: 128, dia: 80, spo2: 98, rr: 14)
            .RateMlPerHour(2, 52.5)
            .PumpTotal(10, 52.5 * 8 / 60);

        var evaluation = late.Evaluate(asOf: SessionBuilder.At(10) + TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));

        evaluation.Has(OverDelivery).ShouldBeFalse(evaluation.Describe());
        evaluation.Has(HardLimit).ShouldBeFalse(evaluation.Describe());
    }

    [Fact]
    public void APumpRunningOnInABacklogForwardedADayLateIsProjectedInItsStreamTime()
    {
        // Nothing more arrives: the stream's clock runs on from the receipt, and the crossing at pump minute 46 pages a day
        // later, when the backend's clock reaches it in the stream's time.
        var late = new SessionBuilder { ReceiveDelay = TimeSpan.FromDays(1) }
            .StartIv()
            .Vitals(1, hr: 72, sys: 128, dia: 80, spo2: 98, rr: 14)
            .RateMlPerHour(2, 52.5)
            .PumpTotal(10, 52.5 * 8 / 60);

        late.Evaluate(asOf: SessionBuilder.At(45) + TimeSpan.FromDays(1)).Has(OverDelivery).ShouldBeFalse();
        var finding = late.Evaluate(asOf: SessionBuilder.At(47) + TimeSpan.FromDays(1)).Single(OverDelivery);

        finding.Severity.ShouldBe(Severity.Critical);
        finding.Evidence.ShouldContain("projected at");
        finding.DetectedAt.ShouldBe(SessionBuilder.At(46) + TimeSpan.FromDays(1));
    }

    [Fact]
    public void TheProjectionDoesNotFireBeforeTheCrossing()
    {
        var evaluation = RunningOnWithoutEvents().Evaluate(asOf: SessionBuilder.At(45));

        evaluation.Has(OverDelivery).ShouldBeFalse(evaluation.Describe());
    }

    [Fact]
    public void TheProjectedFindingDoesNotDependOnWhenTheClockLooked()
    {
        var session = RunningOnWithoutEvents();

        var early = session.Evaluate(asOf: SessionBuilder.At(47)).Single(OverDelivery);
        var late = session.Evaluate(asOf: SessionBuilder.At(100)).Single(OverDelivery);

        late.ShouldBe(early);
    }

    [Fact]
    public void TheProjectionReachesTheHardLimit()
    {
        // 140 mL/h = 140 mg/h = 2 mg/kg/h: the hard maximum 2.0 mg/kg (140 mg) is reached 60 min after minute 2.
        var session = RunningOnWithoutEvents(140);

        var evaluation = session.Evaluate(asOf: SessionBuilder.At(63));

        var finding = evaluation.Single(HardLimit);
        finding.Severity.ShouldBe(Severity.Critical);
        finding.Evidence.ShouldContain("projected at");
        finding.DetectedAt.ShouldBe(SessionBuilder.At(62) + session.ReceiveDelay);
        evaluation.Single(OverDelivery).DetectedAt.ShouldBe(SessionBuilder.At(18.5) + session.ReceiveDelay);
    }

    [Fact]
    public void APausedInfusionIsNotProjected()
    {
        var evaluation = RunningOnWithoutEvents().Pause(12).Evaluate(asOf: SessionBuilder.At(120));

        evaluation.Has(OverDelivery).ShouldBeFalse(evaluation.Describe());
    }

    [Fact]
    public void TheProjectionMapsTheEvaluationTimeToThePumpClock()
    {
        // Every event arrives 30 min after its device time: a pump clock 30 min behind, or 30 min of delivery delay. Either
        // way the stream is 30 min behind the backend, so the crossing at pump minute 46 is placed at backend minute 76.
        var session = new SessionBuilder { ReceiveDelay = TimeSpan.FromMinutes(30) };
        session.StartIv().RateMlPerHour(2, 52.5).PumpTotal(10, 7);

        session.Evaluate(asOf: SessionBuilder.At(47)).Has(OverDelivery).ShouldBeFalse();
        session.Evaluate(asOf: SessionBuilder.At(75)).Has(OverDelivery).ShouldBeFalse();
        var finding = session.Evaluate(asOf: SessionBuilder.At(77)).Single(OverDelivery);
        finding.DetectedAt.ShouldBe(SessionBuilder.At(76));
    }

    [Fact]
    public void ThePumpCounterTimesConcentrationIsDoseEvidence()
    {
        // The rate history gives 15.75 mg by minute 20; the pump says 45 mL = 45 mg have run in.
        var session = new SessionBuilder().StartIv().RateMlPerHour(2, 52.5).PumpTotal(20, 45);

        var finding = session.Evaluate().Single(OverDelivery);

        finding.Severity.ShouldBe(Severity.Critical);
        finding.TriggerEventId.ShouldBe(session.Last.Event.EventId);
        finding.EvidenceValues["deliveredMg"].ShouldBe(45, 1e-9);
        finding.Evidence.ShouldContain("pump");
    }

    [Fact]
    public void ThePumpCounterAloneReachesTheHardLimit()
    {
        var session = new SessionBuilder().StartIv().PumpTotal(20, 150);

        var evaluation = session.Evaluate();

        evaluation.Single(HardLimit).EvidenceValues["deliveredMg"].ShouldBe(150, 1e-9);
        evaluation.Single(OverDelivery).Severity.ShouldBe(Severity.Critical);
    }

    [Fact]
    public void TheLargerOfComputedAndReportedDoseCounts()
    {
        // Computed 43.75 mg by minute 52, the pump under-reports 30 mL: the computed dose shows the over-delivery.
        var session = new SessionBuilder().StartIv().RateMlPerHour(2, 52.5).PumpTotal(52, 30).End(60, SessionEndReason.Completed);

        var finding = session.Evaluate().Single(OverDelivery);

        finding.EvidenceValues["deliveredMg"].ShouldBeGreaterThan(38.5);
    }

    [Fact]
    public void NoSegmentIsIntegratedBeyondTheProtocolsHardMaximumDuration()
    {
        // Nothing between the rate at minute 2 and an end ten hours later: at most 120 min of it is integrated.
        var evaluation = new SessionBuilder().StartIv().RateMlPerHour(2, 52.5).End(600, SessionEndReason.Other).Evaluate();

        evaluation.State.InfusedDoseMg!.Value.ShouldBe(52.5 * 2, 1e-6);
        evaluation.Has(HardLimit).ShouldBeFalse(evaluation.Describe());
    }

    [Fact]
    public void ACappedSegmentIsOnlyALowerBoundSoUnderDeliveryIsNotJudged()
    {
        // 10 mL/h from minute 2 to a completed end 10 h later: 20 mg integrated in the first 120 min, below 90 % of 35 mg.
        var evaluation = new SessionBuilder().StartIv().RateMlPerHour(2, 10).End(600, SessionEndReason.Completed).Evaluate();

        evaluation.Has(RuleIds.DoseUnderDelivery).ShouldBeFalse(evaluation.Describe());
        evaluation.State.RulesNotEvaluated.Select(n => n.RuleId).ShouldContain(RuleIds.DoseUnderDelivery);
    }
}
