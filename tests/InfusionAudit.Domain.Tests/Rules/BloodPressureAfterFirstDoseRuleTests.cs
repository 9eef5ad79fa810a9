using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Rules;

/// <summary><c>VITALS-BP-40MIN-MISSING</c> (<c>BloodPressureAfterFirstDoseRule</c>).</summary>
public sealed class BloodPressureAfterFirstDoseRuleTests
{
    [Theory]
    [InlineData(29.9, true)]
    [InlineData(30, false)]
    [InlineData(40, false)]
    [InlineData(50, false)]
    [InlineData(50.1, true)]
    public void IntranasalNeedsABloodPressureThirtyToFiftyMinutesAfterTheFirstDevice(double readingMin, bool fires)
    {
        var evaluation = new SessionBuilder().StartIntranasal().Vitals(-1, sys: 120, dia: 80).Dose(0, 28).Dose(5, 28)
            .Vitals(readingMin, sys: 120, dia: 80).End(130).Evaluate();

        evaluation.Has(RuleIds.VitalsBp40MinMissing).ShouldBe(fires, evaluation.Describe());
        if (fires)
        {
            evaluation.Single(RuleIds.VitalsBp40MinMissing).DetectedAt.ShouldBe(SessionBuilder.At(50));
        }
    }

    [Fact]
    public void TheFortyMinuteReadingIsNotDueBeforeTheWindowCloses()
    {
        var running = new SessionBuilder().StartIntranasal().Dose(0, 28);

        running.Evaluate(asOf: SessionBuilder.At(50)).Has(RuleIds.VitalsBp40MinMissing).ShouldBeFalse();
        running.Evaluate(asOf: SessionBuilder.At(50.01)).Has(RuleIds.VitalsBp40MinMissing).ShouldBeTrue();
        SessionBuilder.StandardIv().Evaluate().Has(RuleIds.VitalsBp40MinMissing).ShouldBeFalse("the IV protocol has no bpAfterFirstDose");
    }
}
