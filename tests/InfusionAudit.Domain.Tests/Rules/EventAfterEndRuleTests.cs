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

    /// <summary>
    /// IPEC's completion that goes on at keep-vein-open, as the HL7 mapping gives it (docs/hl7v2.md): COMP ends the
    /// session, then a START at the KVO rate, and later a STOP with the pump's cumulative volume. The KVO rate after the
    /// end is not integrated, but the pump's total counts as delivered: the drug run at KVO is an overdose once the pump
    /// reports it, not while it runs.
    /// </summary>
    [Fact]
    public void DrugRunAtKeepVeinOpenAfterACompletionIsAnOverdoseWhenThePumpReportsItsTotal()
    {
        // 40 min at 52.5 mL/h of 1 mg/mL: the prescribed 35 mg; then 2 h at 5 mL/h, 10 mL (10 mg, 29 % more) after the end.
        var builder = new SessionBuilder(deviceId: Pump).StartIv().Vitals(0, sys: 120, dia: 80).RateMlPerHour(1, 52.5).End(41)
            .RateMlPerHour(41.1, 5).Pause(161.1).PumpTotal(161.1, 45);
        var total = builder.Last;

        var evaluation = builder.Evaluate();

        evaluation.Of(RuleIds.EventAfterEnd).Count().ShouldBe(3, evaluation.Describe());
        var overdose = evaluation.Single(RuleIds.DoseOverDelivery);
        overdose.Severity.ShouldBe(Severity.Critical);
        overdose.TriggerEventId.ShouldBe(total.Event.EventId);
        evaluation.Single(RuleIds.DosePumpMismatch).Evidence.ShouldContain("pump reports 45 mL, the rate history gives 35 mL");
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
