using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Rules;

/// <summary><c>VITALS-BP-PREDOSE-MISSING</c> (<c>BloodPressurePredoseMissingRule</c>).</summary>
public sealed class BloodPressurePredoseMissingRuleTests
{
    [Theory]
    [InlineData(30.0, false)]
    [InlineData(30 + (1.0 / 60), true)]
    public void APressureMustBeTakenInTheThirtyMinutesBeforeTheFirstDose(double beforeMin, bool fires)
    {
        var builder = new SessionBuilder().StartIv().Vitals(0, sys: 120, dia: 80).Vitals(beforeMin - 1, hr: 70, spo2: 98);
        var evaluation = builder.RateMlPerHour(beforeMin, 52.5).Evaluate();

        evaluation.Has(RuleIds.VitalsBpPredoseMissing).ShouldBe(fires, evaluation.Describe());
        if (fires)
        {
            var finding = evaluation.Single(RuleIds.VitalsBpPredoseMissing);
            finding.Severity.ShouldBe(Severity.Warning);
            finding.TriggerEventId.ShouldBe(builder.Last.Event.EventId);
            finding.EpisodeKey.ShouldBe("");
        }
    }

    [Fact]
    public void NoPressureAtAllBeforeADiscreteDoseIsMissing()
    {
        new SessionBuilder().StartIntranasal().Vitals(0, hr: 70).Dose(1, 28).Evaluate().Has(RuleIds.VitalsBpPredoseMissing).ShouldBeTrue();
    }

    [Fact]
    public void AnImplausiblePressureIsNoPressure()
    {
        new SessionBuilder().StartIv().Vitals(0, sys: 120, dia: 130).RateMlPerHour(1, 52.5).Evaluate()
            .Has(RuleIds.VitalsBpPredoseMissing).ShouldBeTrue();
    }

    [Fact]
    public void ASessionWithoutAnyDoseIsNotJudgedForThePredosePressure()
    {
        new SessionBuilder().StartIv().Vitals(5, hr: 70).End(10, SessionEndReason.StoppedByPatient).Evaluate()
            .Has(RuleIds.VitalsBpPredoseMissing).ShouldBeFalse();
    }
}
