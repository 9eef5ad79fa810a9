using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;
using static InfusionAudit.Domain.Tests.Builders.ImplausibleClocks;

namespace InfusionAudit.Domain.Tests.Rules;

/// <summary>Catalogue v2 <c>CLOCK-IMPLAUSIBLE</c>: a device time before 2015, a week old while live, or off the other devices.</summary>
public sealed class ClockImplausibleRuleTests
{
    [Fact]
    public void AnEventDatedBefore2015IsImplausibleEvenInABackfill()
    {
        var session = new SessionBuilder().StartIv().Vitals(1, hr: 72);
        session.Vitals(PumpClock1970(5), hr: 75).ReceivedAt(SessionBuilder.At(5));

        session.Evaluate().Single(ClockImplausible).TriggerEventId.ShouldBe(session.Last.Event.EventId);
    }

    [Fact]
    public void AnEventAWeekOldInALiveSessionIsImplausible()
    {
        var session = new SessionBuilder(deviceId: "tablet-1").StartIv().Vitals(1, hr: 72);
        session.DeviceId = "monitor-2";
        session.Vitals(2 - (8 * 24 * 60), hr: 75).ReceivedAt(SessionBuilder.At(2));

        var finding = session.Evaluate().Single(ClockImplausible);

        finding.EpisodeKey.ShouldBe("monitor-2");
    }

    [Fact]
    public void AWholeSessionUploadedAWeekLateIsNotImplausible()
    {
        var late = TimeSpan.FromDays(8);
        var session = new SessionBuilder { ReceiveDelay = late };
        session.StartIv().RateMlPerHour(2, 52.5).RateMlPerHour(42, 0).PumpTotal(42, 35).End(60);

        var evaluation = session.Evaluate();

        evaluation.Has(ClockImplausible).ShouldBeFalse(evaluation.Describe());
        evaluation.State.InfusedDoseMg!.Value.ShouldBe(35, 1e-9);
    }

    [Fact]
    public void ADeviceWhoseClockDisagreesWithTheOthersByMoreThanTenMinutesIsImplausible()
    {
        // Received together: the monitor dates its reading 2 s before receipt, the pump 40 min before.
        var session = new SessionBuilder(deviceId: "monitor-2").StartIv();
        var batch = SessionBuilder.At(3);
        session.Vitals(3, hr: 72, sys: 128, dia: 80).ReceivedAt(batch);
        session.DeviceId = "pump-17";
        session.RateMlPerHour(3 - 40, 52.5).ReceivedAt(batch);

        var finding = session.Evaluate().Single(ClockImplausible);

        finding.EpisodeKey.ShouldBe("pump-17");
    }

    [Fact]
    public void DevicesWithinTenMinutesOfEachOtherAreConsistent()
    {
        var session = new SessionBuilder(deviceId: "monitor-2").StartIv();
        var batch = SessionBuilder.At(12);
        session.Vitals(12, hr: 72, sys: 128, dia: 80).ReceivedAt(batch);
        session.DeviceId = "pump-17";
        session.RateMlPerHour(3, 52.5).ReceivedAt(batch);

        var evaluation = session.Evaluate();

        evaluation.Has(ClockImplausible).ShouldBeFalse(evaluation.Describe());
    }

    [Fact]
    public void AnOldEventRetriedTogetherWithFreshOnesDoesNotBlameItsDevice()
    {
        // The pump's clock is right (its rate came 2 s after it occurred); a total it recorded at minute 5 is only retried at
        // minute 25, in one message with a fresh monitor reading.
        var session = new SessionBuilder(deviceId: "pump-17").StartIv().RateMlPerHour(2, 52.5);
        var batch = SessionBuilder.At(25);
        session.PumpTotal(5, 2.625).ReceivedAt(batch);
        session.DeviceId = "monitor-2";
        session.Vitals(25, hr: 72, sys: 128, dia: 80).ReceivedAt(batch);

        var evaluation = session.Evaluate();

        evaluation.Has(ClockImplausible).ShouldBeFalse(evaluation.Describe());
    }
}
