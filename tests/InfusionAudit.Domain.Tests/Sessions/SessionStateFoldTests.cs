using System.Text.Json;
using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Sessions;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Sessions;

public sealed class SessionStateFoldTests
{
    private const double Precision = 1e-9;

    [Fact]
    public void StandardInfusionDeliversThirtyFiveMilligramsOverFortyMinutes()
    {
        var state = SessionBuilder.StandardIv().Evaluate().State;

        state.Status.ShouldBe(SessionStatus.Ended);
        state.EndReason.ShouldBe(SessionEndReason.Completed);
        state.ProtocolId.ShouldBe(TestProtocols.IvId);
        state.ProtocolVersion.ShouldBe(1);
        state.Route.ShouldBe(Route.IV);
        state.WeightKg.ShouldBe(70);
        state.PrescribedDoseMgPerKg.ShouldBe(0.5);
        state.PrescribedDoseMg!.Value.ShouldBe(35, Precision);
        state.PlannedDurationMin.ShouldBe(40);
        state.ConcentrationMgPerMl.ShouldBe(1.0);
        state.RunningTimeMin.ShouldBe(40, Precision);
        state.InfusedDoseMg!.Value.ShouldBe(35, Precision);
        state.DeliveredDoseMg!.Value.ShouldBe(35, Precision);
        state.DeliveredDoseMgPerKg!.Value.ShouldBe(0.5, Precision);
        state.InfusedVolumeMl!.Value.ShouldBe(35, Precision);
        state.LastPumpReportedVolumeMl.ShouldBe(35);
        state.RateSegments.Count.ShouldBe(1);
        state.RateSegments[0].ProgrammedRate.ShouldBe(52.5);
        state.RateSegments[0].ProgrammedRateUnit.ShouldBe(RateUnit.MillilitresPerHour);
        state.RateSegments[0].DoseRateMgPerHour!.Value.ShouldBe(52.5, Precision);
        state.RateSegments[0].DoseRateMgPerKgPerHour!.Value.ShouldBe(0.75, Precision);
        state.RateSegments[0].From.ShouldBe(SessionBuilder.At(2));
        state.RateSegments[0].To.ShouldBe(SessionBuilder.At(42));
        state.StartedAt.ShouldBe(SessionBuilder.At(0));
        state.EndedAt.ShouldBe(SessionBuilder.At(60));
        state.EventCount.ShouldBe(10);
        state.LastSequence.ShouldBe(9);
        state.MissingSequenceCount.ShouldBe(0);
        state.DeviceIds.ShouldBe(["pump-17"]);
    }

    [Fact]
    public void RateInMilligramsPerKilogramPerHourIntegratesLikeTheEquivalentMillilitresPerHour()
    {
        var state = new SessionBuilder().StartIv().RateMgPerKgPerHour(2, 0.75).RateMgPerKgPerHour(42, 0).End(60).Evaluate().State;

        state.DeliveredDoseMg!.Value.ShouldBe(35, Precision);
        state.InfusedVolumeMl!.Value.ShouldBe(35, Precision);
        state.RateSegments[0].ProgrammedRateUnit.ShouldBe(RateUnit.MilligramsPerKilogramPerHour);
        state.RateSegments[0].VolumeRateMlPerHour!.Value.ShouldBe(52.5, Precision);
    }

    [Fact]
    public void PausesAreExcludedFromRunningTimeAndDose()
    {
        var state = new SessionBuilder()
            .StartIv().RateMlPerHour(0, 52.5).Pause(20).Resume(30).RateMlPerHour(50, 0).End(55)
            .Evaluate().State;

        state.RunningTimeMin.ShouldBe(40, Precision);
        state.PausedTimeMin.ShouldBe(10, Precision);
        state.PauseCount.ShouldBe(1);
        state.DeliveredDoseMg!.Value.ShouldBe(35, Precision);
        state.RateSegments.Count.ShouldBe(2);
        state.RateSegments[1].From.ShouldBe(SessionBuilder.At(30));
        state.RateSegments[1].ProgrammedRate.ShouldBe(52.5);
    }

    [Fact]
    public void ResumeAfterAStopAtRateZeroRestoresTheLastNonZeroRate()
    {
        var state = new SessionBuilder().StartIv().RateMlPerHour(0, 60).RateMlPerHour(10, 0).Resume(20).End(30).Evaluate().State;

        state.RunningTimeMin.ShouldBe(20, Precision);
        state.DeliveredDoseMg!.Value.ShouldBe(20, Precision);
    }

    [Fact]
    public void ARateChangeWhilePausedEndsThePause()
    {
        var state = new SessionBuilder().StartIv().RateMlPerHour(0, 60).Pause(10).RateMlPerHour(15, 30).End(25).Evaluate().State;

        state.PausedTimeMin.ShouldBe(5, Precision);
        state.RunningTimeMin.ShouldBe(20, Precision);
        state.DeliveredDoseMg!.Value.ShouldBe(10 + 5, Precision);
    }

    [Fact]
    public void RateChangesSumPiecewise()
    {
        var state = new SessionBuilder().StartIv().RateMlPerHour(0, 52.5).RateMlPerHour(20, 105).RateMlPerHour(30, 0).End(45).Evaluate().State;

        state.DeliveredDoseMg!.Value.ShouldBe(17.5 + 17.5, Precision);
        state.RunningTimeMin.ShouldBe(30, Precision);
        state.RateSegments.Count.ShouldBe(2);
    }

    [Fact]
    public void DiscreteDosesAddToTheInfusedDose()
    {
        var state = new SessionBuilder().StartIv().Dose(1, 5).RateMlPerHour(2, 30).RateMlPerHour(42, 0).Dose(43, 2.5).End(60).Evaluate().State;

        state.DiscreteDoseCount.ShouldBe(2);
        state.DiscreteDoseMg.ShouldBe(7.5);
        state.InfusedDoseMg!.Value.ShouldBe(20, Precision);
        state.DeliveredDoseMg!.Value.ShouldBe(27.5, Precision);
    }

    [Fact]
    public void TheInfusionIsIntegratedUpToTheLatestEventNotToTheEvaluationTime()
    {
        var builder = new SessionBuilder().StartIv().RateMlPerHour(0, 60).Vitals(10, hr: 80);

        var state = builder.Evaluate(asOf: SessionBuilder.At(30)).State;

        state.Status.ShouldBe(SessionStatus.Running);
        state.DeliveredDoseMg!.Value.ShouldBe(10, Precision);
        state.RateSegments[0].To.ShouldBeNull();
    }

    [Fact]
    public void StatusFollowsTheEvents()
    {
        new SessionBuilder().Vitals(0, hr: 70).Evaluate().State.Status.ShouldBe(SessionStatus.AwaitingStart);
        new SessionBuilder().StartIv().Evaluate().State.Status.ShouldBe(SessionStatus.Running);
        new SessionBuilder().StartIv().RateMlPerHour(1, 50).Pause(5).Evaluate().State.Status.ShouldBe(SessionStatus.Paused);
        new SessionBuilder().StartIv().RateMlPerHour(1, 50).Pause(5).Resume(6).Evaluate().State.Status.ShouldBe(SessionStatus.Running);
        new SessionBuilder().StartIv().End(5).Evaluate().State.Status.ShouldBe(SessionStatus.Ended);
    }

    [Fact]
    public void AwaitingStartStateCannotComputeMilligramsFromMillilitresPerHour()
    {
        var state = new SessionBuilder().RateMlPerHour(0, 60).Vitals(10, hr: 80).Evaluate().State;

        state.Status.ShouldBe(SessionStatus.AwaitingStart);
        state.InfusedVolumeMl!.Value.ShouldBe(10, Precision);
        state.InfusedDoseMg.ShouldBeNull();
        state.DeliveredDoseMg.ShouldBeNull();
        state.ProtocolId.ShouldBeNull();
        state.ProtocolVersion.ShouldBeNull();
    }

    [Fact]
    public void MissingSequenceNumbersAreListedAndCounted()
    {
        var state = new SessionBuilder().StartIv().Vitals(1, hr: 70).Lose(2).Vitals(2, hr: 71).Lose(1).End(3).Evaluate().State;

        state.MissingSequenceNumbers.ShouldBe([2L, 3L, 5L]);
        state.MissingSequenceCount.ShouldBe(3);
        state.LastSequence.ShouldBe(6);
    }

    [Fact]
    public void DuplicatesKeepTheirFirstReceipt()
    {
        var builder = new SessionBuilder().StartIv().Vitals(1, hr: 70);
        var original = builder.Last;
        var events = builder.Events.ToList();
        events.Add(original with { ReceivedAt = original.ReceivedAt.AddMinutes(5) });
        events.Add(original with { ReceivedAt = original.ReceivedAt.AddSeconds(-30) });

        var state = SessionEngine.Evaluate(events, TestProtocols.Library, PatientHistory.Empty, SessionBuilder.At(60)).State;

        state.EventCount.ShouldBe(2);
        state.LastEventReceivedAt.ShouldBe(original.ReceivedAt.AddSeconds(-30));
        state.FirstReceivedAt.ShouldBe(SessionBuilder.At(0) + TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void EventsAreOrderedByOccurredAtThenSequence()
    {
        // The pause comes first in arrival order but later on the timeline.
        var builder = new SessionBuilder().StartIv();
        builder.Add(20, EventType.InfusionPaused, new InfusionPausedPayload(null), sequenceNumber: 1);
        builder.Add(0, EventType.InfusionRateChanged, new InfusionRateChangedPayload(Units.InfusionRate.FromMillilitresPerHour(60)), sequenceNumber: 2);

        var state = builder.Evaluate().State;

        state.DeliveredDoseMg!.Value.ShouldBe(20, Precision);
        state.Status.ShouldBe(SessionStatus.Paused);
    }

    [Fact]
    public void DevicesAreListedOnceInOrdinalOrder()
    {
        var builder = new SessionBuilder().StartIv();
        builder.DeviceId = "monitor-3";
        builder.Vitals(1, hr: 70).Vitals(2, hr: 71);
        builder.DeviceId = "tablet-1";
        builder.AdverseEffect(3, AdverseEffect.Nausea, AdverseEffectSeverity.Mild);

        builder.Evaluate().State.DeviceIds.ShouldBe(["monitor-3", "pump-17", "tablet-1"]);
    }

    [Fact]
    public void StateSurvivesAJsonRoundTrip()
    {
        var state = SessionBuilder.StandardIv().Evaluate().State;

        var json = JsonSerializer.Serialize(state);
        var back = JsonSerializer.Deserialize<SessionState>(json)!;

        JsonSerializer.Serialize(back).ShouldBe(json);
        json.ShouldContain("\"Status\":\"Ended\"");
        json.ShouldContain("\"Route\":\"IV\"");
        json.ShouldContain("\"EndReason\":\"Completed\"");
    }

    [Fact]
    public void EmptyOrMixedEventSetsAreRejected()
    {
        Should.Throw<ArgumentException>(() => SessionEngine.Evaluate([], TestProtocols.Library, PatientHistory.Empty, SessionBuilder.T0));
        var mixed = new SessionBuilder("A").StartIv().Events.Concat(new SessionBuilder("B").StartIv().Events).ToList();
        Should.Throw<ArgumentException>(() => SessionEngine.Evaluate(mixed, TestProtocols.Library, PatientHistory.Empty, SessionBuilder.T0));
    }

    [Fact]
    public void TheStateShowsTheDischargeAndTheReadyToLeaveTime()
    {
        var discharged = SessionBuilder.StandardIv().Discharge(80, readyMinute: 75).Evaluate().State;
        var never = SessionBuilder.StandardIv().Evaluate().State;

        discharged.DischargedAt.ShouldBe(SessionBuilder.At(80));
        discharged.ReadyToLeaveAt.ShouldBe(SessionBuilder.At(75));
        never.DischargedAt.ShouldBeNull();
        never.ReadyToLeaveAt.ShouldBeNull();
    }
}
