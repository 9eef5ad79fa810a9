using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Rules;

/// <summary><c>VITALS-BP-PREDOSE</c> (<c>BloodPressurePredoseRule</c>).</summary>
public sealed class BloodPressurePredoseRuleTests
{
    [Theory]
    [InlineData(140, 90, false)]
    [InlineData(141, 90, true)]
    [InlineData(140, 91, true)]
    public void TheLastPressureBeforeTheFirstDoseMustBeAtMost140Over90(double sys, double dia, bool fires)
    {
        var evaluation = new SessionBuilder().StartIv().Vitals(0, sys: 150, dia: 95).Vitals(1, sys: sys, dia: dia).RateMlPerHour(2, 52.5).Evaluate();

        evaluation.Has(RuleIds.VitalsBpPredose).ShouldBe(fires);
        if (fires)
        {
            evaluation.Single(RuleIds.VitalsBpPredose).TriggerEventId.ShouldBe("S-0001-0003");
        }
    }

    [Fact]
    public void ReadingsAfterTheFirstDoseAreNotPredose()
    {
        new SessionBuilder().StartIntranasal().Vitals(0, sys: 130, dia: 80).Dose(1, 28).Vitals(2, sys: 150, dia: 95).Evaluate()
            .Has(RuleIds.VitalsBpPredose).ShouldBeFalse();
    }
}
