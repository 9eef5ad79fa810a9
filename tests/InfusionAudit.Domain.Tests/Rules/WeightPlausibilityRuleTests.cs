using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Rules;

/// <summary><c>WEIGHT-IMPLAUSIBLE</c> (<c>WeightPlausibilityRule</c>).</summary>
public sealed class WeightPlausibilityRuleTests
{
    [Theory]
    [InlineData(30, false)]
    [InlineData(29.9, true)]
    [InlineData(250, false)]
    [InlineData(250.1, true)]
    public void WeightOutside30To250KilogramsIsImplausible(double weightKg, bool fires)
    {
        var evaluation = new SessionBuilder().StartIv(weightKg: weightKg).Evaluate();

        evaluation.Has(RuleIds.WeightImplausible).ShouldBe(fires);
        if (fires)
        {
            evaluation.Single(RuleIds.WeightImplausible).Severity.ShouldBe(Severity.Critical);
        }
    }
}
