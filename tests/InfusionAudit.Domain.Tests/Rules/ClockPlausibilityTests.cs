using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;
using static InfusionAudit.Domain.Tests.Builders.ImplausibleClocks;

namespace InfusionAudit.Domain.Tests.Rules;

/// <summary>What an implausible device time (<c>ClockPlausibilityCheck</c>) means for the dose and rate rules.</summary>
public sealed class ClockPlausibilityTests
{
    /// <summary>
    /// A tablet starts and ends the session on a good clock; the pump, set to 1970, reports its rate and its counter live.
    /// No stop comes from the pump, so on today's fold the 1970 rate runs until the 2026 end: a 56-year infusion.
    /// </summary>
    private static SessionBuilder PumpAt1970(bool ended = true)
    {
        var session = new SessionBuilder(deviceId: "tablet-1");
        session.StartIv().Vitals(1, hr: 72, sys: 128, dia: 80, spo2: 98, rr: 14);
        session.DeviceId = "pump-17";
        session.RateMlPerHour(PumpClock1970(2), 52.5).ReceivedAt(SessionBuilder.At(2) + session.ReceiveDelay);
        session.PumpTotal(PumpClock1970(42), 35).ReceivedAt(SessionBuilder.At(42) + session.ReceiveDelay);
        if (ended)
        {
            session.DeviceId = "tablet-1";
            session.End(60, SessionEndReason.Completed);
        }

        return session;
    }

    [Fact]
    public void APumpClockAt1970MakesNoFiftySixYearInfusionAndNoCriticalDoseFinding()
    {
        var evaluation = PumpAt1970().Evaluate();

        evaluation.Has(RuleIds.DoseOverDelivery).ShouldBeFalse(evaluation.Describe());
        evaluation.Has(RuleIds.DoseHardLimit).ShouldBeFalse(evaluation.Describe());
        evaluation.Has(RuleIds.DurationHard).ShouldBeFalse(evaluation.Describe());
        evaluation.State.RunningTimeMin.ShouldBeLessThan(121);
        var clock = evaluation.Single(ClockImplausible);
        clock.Severity.ShouldBe(Severity.Warning);
        clock.EpisodeKey.ShouldBe("pump-17");
    }

    [Fact]
    public void APumpClockAt1970LeavesTheDoseNotComputableFromTheRateHistory()
    {
        var evaluation = PumpAt1970().Evaluate();

        var finding = evaluation.Single("DOSE-NOT-COMPUTABLE");
        finding.Severity.ShouldBe(Severity.Warning);
        evaluation.Has(RuleIds.DoseUnderDelivery).ShouldBeFalse(evaluation.Describe());
    }

    [Fact]
    public void APumpClockAt1970DuringALiveInfusionIsACriticalUnknownDose()
    {
        var evaluation = PumpAt1970(ended: false).Evaluate(asOf: SessionBuilder.At(43));

        evaluation.Single("DOSE-NOT-COMPUTABLE").Severity.ShouldBe(Severity.Critical);
        evaluation.Has(RuleIds.DoseOverDelivery).ShouldBeFalse(evaluation.Describe());
    }

    [Fact]
    public void ADoseNotComputableForAnImplausibleClockCountsEveryMissingEventNotOnlyThoseBeforeItsTrigger()
    {
        // The verdict on the pump's clock, and so on the whole rate history, may change with any event still missing
        // (issue 11 item 8: after a crash it came and went with the redelivered events, paging unmarked).
        var session = new SessionBuilder(deviceId: "tablet-1");
        session.StartIv().Vitals(1, hr: 72, sys: 128, dia: 80, spo2: 98, rr: 14);
        session.DeviceId = "pump-17";
        session.RateMlPerHour(PumpClock1970(2), 52.5).ReceivedAt(SessionBuilder.At(2) + session.ReceiveDelay);
        session.Lose(2);
        session.PumpTotal(PumpClock1970(42), 35).ReceivedAt(SessionBuilder.At(42) + session.ReceiveDelay);

        var finding = session.Evaluate(asOf: SessionBuilder.At(43)).Single("DOSE-NOT-COMPUTABLE");

        finding.Severity.ShouldBe(Severity.Critical);
        finding.EpisodeKey.ShouldBe("implausible-clock");
        finding.EventsMissing.ShouldBe(2);
        finding.Evidence.ShouldEndWith("(judged with 2 events missing)");
    }

    [Fact]
    public void ADoseNotComputableForAPumpClockAt1970IsNotMarkedAsJudgedOnOffsets()
    {
        var finding = PumpAt1970(ended: false).Evaluate(asOf: SessionBuilder.At(43)).Single("DOSE-NOT-COMPUTABLE");

        finding.EvidenceValues.ContainsKey(Finding.ClockOffsetJudgedKey).ShouldBeFalse();
    }

    [Fact]
    public void ATwoDeviceSessionForwardedADayLateInOneMessageIsNotImplausible()
    {
        // A gateway that was offline forwards yesterday's session in one message: the pump last spoke at minute 42, the
        // monitor at minute 55, so their freshest events differ by 13 min though both clocks are right. No device of the
        // batch is near the backend's clock, so the batch says nothing about clocks (seen in run-local.sh's simulated day).
        var batch = SessionBuilder.At(24 * 60);
        var session = new SessionBuilder(deviceId: "pump-17").StartIv().ReceivedAt(batch);
        session.RateMlPerHour(2, 52.5).ReceivedAt(batch).RateMlPerHour(42, 0).ReceivedAt(batch).PumpTotal(42, 35).ReceivedAt(batch);
        session.DeviceId = "monitor-2";
        session.Vitals(1, hr: 72, sys: 128, dia: 80).ReceivedAt(batch).Vitals(55, hr: 70, sys: 124, dia: 78).ReceivedAt(batch);
        session.End(60).ReceivedAt(batch);

        var evaluation = session.Evaluate();

        evaluation.Has(ClockImplausible).ShouldBeFalse(evaluation.Describe());
        evaluation.Has("DOSE-NOT-COMPUTABLE").ShouldBeFalse(evaluation.Describe());
        evaluation.State.InfusedDoseMg!.Value.ShouldBe(35, 1e-9);
    }

    [Fact]
    public void ADoseNotComputableForAClockOffTheOtherDevicesSaysItIsJudgedOnOffsets()
    {
        // The pump's fresher events, which no sequence gap announces, may still shrink its offset (issue 11 item 8).
        var session = new SessionBuilder(deviceId: "monitor-2").StartIv();
        var batch = SessionBuilder.At(3);
        session.Vitals(3, hr: 72, sys: 128, dia: 80).ReceivedAt(batch);
        session.DeviceId = "pump-17";
        session.RateMlPerHour(3 - 40, 52.5).ReceivedAt(batch);

        var finding = session.Evaluate(asOf: SessionBuilder.At(4)).Single("DOSE-NOT-COMPUTABLE");

        finding.Severity.ShouldBe(Severity.Critical);
        finding.EvidenceValues[Finding.ClockOffsetJudgedKey].ShouldBe(1);
        finding.Evidence.ShouldContain("judged on the devices' clock offsets so far");
    }

    [Fact]
    public void AnImplausibleRateIsStillJudgedForItsProgrammedValue()
    {
        var session = PumpAt1970();
        session.DeviceId = "pump-17";
        session.RateMgPerKgPerHour(PumpClock1970(30), 3.5).ReceivedAt(SessionBuilder.At(30));

        session.Evaluate().Single(RuleIds.RateHard).Severity.ShouldBe(Severity.Critical);
    }
}
