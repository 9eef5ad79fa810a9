using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Rules;

/// <summary>
/// Catalogue v2 <c>OBSERVATION-SHORT</c> for every route, judged on <c>PatientDischarged</c> (contract 1.1) against the
/// protocol's <c>observationMin</c> after the last dose: IN 120 (label), IV 30 and SC 60 (clinic defaults).
/// </summary>
public sealed class ObservationShortRuleTests
{
    // Standard IV: the pump stops at minute 42, the last dose ends there.
    [Theory]
    [InlineData(71, true)]
    [InlineData(71 + 59.0 / 60, true)]
    [InlineData(72, false)]
    [InlineData(73, false)]
    public void AnIvPatientIsWatchedThirtyMinutesAfterThePumpStops(double dischargeMin, bool fires)
    {
        var evaluation = SessionBuilder.StandardIv().Discharge(dischargeMin).Evaluate();

        evaluation.Has(RuleIds.ObservationShort).ShouldBe(fires, evaluation.Describe());
    }

    [Theory]
    [InlineData(59, true)]
    [InlineData(60, false)]
    [InlineData(61, false)]
    public void AnScPatientIsWatchedSixtyMinutesAfterTheInjection(double dischargeMin, bool fires)
    {
        var evaluation = new SessionBuilder().StartSubcutaneous().Vitals(0, hr: 70, sys: 120, dia: 80, spo2: 98).Dose(1, 21)
            .End(2).Discharge(1 + dischargeMin).Evaluate();

        evaluation.Has(RuleIds.ObservationShort).ShouldBe(fires, evaluation.Describe());
    }

    [Fact]
    public void TheFindingIsShownByTheDischargeAndSaysHowLongThePatientWasWatched()
    {
        var evaluation = SessionBuilder.StandardIv().Discharge(52).Evaluate();

        var finding = evaluation.Single(RuleIds.ObservationShort);
        finding.TriggerEventId.ShouldBe("S-0001-0010");
        finding.EvidenceValues["observationMin"].ShouldBe(10);
        finding.EvidenceValues["minimumMin"].ShouldBe(30);
    }

    [Theory]
    [InlineData(124, true)]
    [InlineData(125, false)]
    public void AnIntranasalDischargeIsJudgedRatherThanTheSessionEnd(double dischargeMin, bool fires)
    {
        // The session ends (the tablet closes it) after the full two hours; the discharge is what counts.
        var evaluation = new SessionBuilder().StartIntranasal().Dose(0, 28).Dose(5, 28).End(130).Discharge(dischargeMin).Evaluate();

        evaluation.Has(RuleIds.ObservationShort).ShouldBe(fires, evaluation.Describe());
    }

    [Fact]
    public void TheEarliestDischargeCounts()
    {
        var evaluation = SessionBuilder.StandardIv().Discharge(60).Discharge(90).Evaluate();

        evaluation.Single(RuleIds.ObservationShort).EvidenceValues["observationMin"].ShouldBe(18);
    }

    [Fact]
    public void ADischargeWithoutAnyDoseIsNotJudged()
    {
        new SessionBuilder().StartIv().Vitals(1, hr: 70).End(5).Discharge(6).Evaluate().Has(RuleIds.ObservationShort).ShouldBeFalse();
    }

    [Theory]
    [InlineData(125, false)]
    [InlineData(124 + 59.0 / 60, true)]
    public void EsketamineNeedsTwoHoursOfObservationAfterTheLastDevice(double endMin, bool fires)
    {
        var evaluation = new SessionBuilder().StartIntranasal().Dose(0, 28).Dose(5, 28).End(endMin).Evaluate();

        evaluation.Has(RuleIds.ObservationShort).ShouldBe(fires, evaluation.Describe());
    }

    [Fact]
    public void AnIvSessionWithoutADischargeIsNotJudgedForObservation()
    {
        new SessionBuilder().StartIv().RateMlPerHour(0, 52.5).RateMlPerHour(40, 0).End(41).Evaluate()
            .Has(RuleIds.ObservationShort).ShouldBeFalse();
    }
}
