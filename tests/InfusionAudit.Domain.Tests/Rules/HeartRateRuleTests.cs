using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Rules;

/// <summary><c>VITALS-HR-CRITICAL</c>, <c>VITALS-HR-HIGH</c> (<c>HeartRateRule</c>).</summary>
public sealed class HeartRateRuleTests
{
    [Fact]
    public void AReadingAboveTheCeilingIsNotConfirmedByAnother()
    {
        var evaluation = new SessionBuilder().StartIv().Vitals(5, hr: 300).Vitals(6, hr: 300).Evaluate();

        evaluation.Has(RuleIds.VitalsHrCritical).ShouldBeFalse();
    }

    [Theory]
    [InlineData(110, false)]
    [InlineData(110.1, true)]
    public void HeartRateAbove110IsHigh(double hr, bool fires)
    {
        new SessionBuilder().StartIv().Vitals(5, hr: hr).Evaluate().Has(RuleIds.VitalsHrHigh).ShouldBe(fires);
    }

    [Theory]
    [InlineData(121, 5, true)]
    [InlineData(120, 5, false)]
    [InlineData(121, 4 + 59.0 / 60, false)]
    public void HeartRateAbove120SustainedForFiveMinutesIsCritical(double hr, double spanMin, bool fires)
    {
        var evaluation = new SessionBuilder().StartIv().Vitals(5, hr: hr).Vitals(5 + (spanMin / 2), hr: hr).Vitals(5 + spanMin, hr: hr).Evaluate();

        evaluation.Has(RuleIds.VitalsHrCritical).ShouldBe(fires);
        if (fires)
        {
            evaluation.Single(RuleIds.VitalsHrCritical).TriggerEventId.ShouldBe("S-0001-0003");
        }
    }

    [Fact]
    public void AReadingAt120OrBelowInterruptsTheSustainedRun()
    {
        new SessionBuilder().StartIv().Vitals(0, hr: 125).Vitals(2, hr: 118).Vitals(5, hr: 125).Evaluate()
            .Has(RuleIds.VitalsHrCritical).ShouldBeFalse();
    }

    [Theory]
    [InlineData(140, false)]
    [InlineData(140.1, true)]
    public void OneHeartRateAbove140IsCritical(double hr, bool fires)
    {
        new SessionBuilder().StartIv().Vitals(5, hr: hr).Evaluate().Has(RuleIds.VitalsHrCritical).ShouldBe(fires);
    }
}
