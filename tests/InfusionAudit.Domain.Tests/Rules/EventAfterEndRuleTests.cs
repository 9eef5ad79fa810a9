using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;
using static InfusionAudit.Domain.Tests.Builders.DeviceIds;

namespace InfusionAudit.Domain.Tests.Rules;

/// <summary><c>EVENT-AFTER-END</c> (<c>EventAfterEndRule</c>).</summary>
public sealed class EventAfterEndRuleTests
{
    [Theory]
    [InlineData(0, false)]
    [InlineData(1.0 / 60, true)]
    public void AnEventDatedAfterTheEndIsFlagged(double afterMin, bool fires)
    {
        new SessionBuilder().StartIv().End(30).Vitals(30 + afterMin, hr: 70).Evaluate().Has(RuleIds.EventAfterEnd).ShouldBe(fires);
    }

    [Fact]
    public void TheEarliestEndGivesTheEndAndLaterEndsAreNotEventsAfterTheEnd()
    {
        var builder = new SessionBuilder(deviceId: Tablet).StartIv().Vitals(0, sys: 120, dia: 80).RateMlPerHour(1, 52.5).RateMlPerHour(41, 0);
        builder.End(45);
        var first = builder.Last;
        builder.DeviceId = Pump;
        builder.End(47, SessionEndReason.DeviceFault);

        var evaluation = builder.Evaluate();

        evaluation.State.EndedAt.ShouldBe(first.Event.OccurredAt);
        evaluation.State.EndReason.ShouldBe(SessionEndReason.Completed);
        evaluation.Has(RuleIds.EventAfterEnd).ShouldBeFalse(evaluation.Describe());
    }

    [Fact]
    public void AnEventAfterTheEarliestEndIsStillAfterTheEnd()
    {
        var builder = new SessionBuilder().StartIv().End(30).End(32, SessionEndReason.Other).Vitals(33, hr: 70);

        builder.Evaluate().Of(RuleIds.EventAfterEnd).Select(f => f.EpisodeKey).ShouldBe([builder.Last.Event.EventId]);
    }

    [Fact]
    public void ObservationVitalsAndTheDischargeAfterTheEndAreNotStrayEvents()
    {
        var evaluation = SessionBuilder.StandardIv().Vitals(65, hr: 70, sys: 120, dia: 80, spo2: 98).Discharge(80).Evaluate();

        evaluation.Has(RuleIds.EventAfterEnd).ShouldBeFalse(evaluation.Describe());
    }

    [Fact]
    public void VitalsAfterTheEndStillAreStrayWhenNoDischargeFollowsThem()
    {
        var evaluation = SessionBuilder.StandardIv().Discharge(80).Vitals(85, hr: 70).Evaluate();

        evaluation.Single(RuleIds.EventAfterEnd).TriggerEventId.ShouldBe("S-0001-0011");
    }
}
