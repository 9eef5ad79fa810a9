using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Rules;

/// <summary><c>RATE-DEVIATION</c> (<c>RateDeviationRule</c>).</summary>
public sealed class RateDeviationRuleTests
{
    [Theory]
    [InlineData(57.75, 10, false)]
    [InlineData(47.25, 10, false)]
    [InlineData(57.76, 2, false)]
    [InlineData(57.76, 2 + 1.0 / 60, true)]
    [InlineData(47.24, 2 + 1.0 / 60, true)]
    public void RateDeviationNeedsMoreThanTenPercentForMoreThanTwoMinutes(double mlPerHour, double forMin, bool fires)
    {
        // Expected: 35 mg over 40 min = 52.5 mg/h at 1 mg/mL.
        var evaluation = new SessionBuilder().StartIv().RateMlPerHour(0, mlPerHour).RateMlPerHour(forMin, 52.5).Evaluate();

        evaluation.Has(RuleIds.RateDeviation).ShouldBe(fires, evaluation.Describe());
    }

    [Fact]
    public void DeviatingRunningTimeIsCountedAcrossAPause()
    {
        var evaluation = new SessionBuilder().StartIv()
            .RateMlPerHour(0, 70).Pause(1).Resume(6).RateMlPerHour(7 + 1.0 / 60, 52.5)
            .Evaluate();

        var finding = evaluation.Single(RuleIds.RateDeviation);
        finding.EpisodeKey.ShouldBe("S-0001-0001");
        finding.TriggerEventId.ShouldBe("S-0001-0004");
    }

    [Fact]
    public void AConformingStretchEndsTheDeviationEpisode()
    {
        var evaluation = new SessionBuilder().StartIv()
            .RateMlPerHour(0, 70).RateMlPerHour(1.5, 52.5).RateMlPerHour(10, 70).RateMlPerHour(11.5, 52.5)
            .Evaluate();

        evaluation.Has(RuleIds.RateDeviation).ShouldBeFalse();
    }

    [Fact]
    public void RateDeviationIsShownByTheFirstEventBeyondTwoMinutes()
    {
        var evaluation = new SessionBuilder().StartIv().RateMlPerHour(0, 80).Vitals(1, hr: 70).Vitals(2, hr: 70).Vitals(2.5, hr: 70).Evaluate();

        evaluation.Single(RuleIds.RateDeviation).TriggerEventId.ShouldBe("S-0001-0004");
    }
}
