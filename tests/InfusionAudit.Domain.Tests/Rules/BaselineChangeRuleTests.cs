using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;
using static InfusionAudit.Domain.Tests.Builders.SedationSession;

namespace InfusionAudit.Domain.Tests.Rules;

/// <summary><c>VITALS-BASELINE-CHANGE</c> (<c>BaselineChangeRule</c>).</summary>
public sealed class BaselineChangeRuleTests
{
    [Theory]
    [InlineData(100, false)] // +25 % exactly
    [InlineData(100.1, true)]
    [InlineData(60, false)] // -25 %
    [InlineData(59.9, true)]
    public void HeartRateMoreThanTwentyFivePercentFromThePreDoseReadingOnTwoReadings(double hr, bool fires)
    {
        var evaluation = Started().Vitals(0.5, hr: 80).RateMlPerHour(1, 52.5).Vitals(5, hr: hr).Vitals(10, hr: hr).Evaluate();

        evaluation.Has(RuleIds.VitalsBaselineChange).ShouldBe(fires, evaluation.Describe());
        if (fires)
        {
            var finding = evaluation.Single(RuleIds.VitalsBaselineChange);
            finding.EpisodeKey.ShouldBe("heartRate:S-0001-0004");
            finding.TriggerEventId.ShouldBe("S-0001-0004");
        }
    }

    [Fact]
    public void OneChangedReadingIsNotEnoughAndAnEpisodeIsOneFinding()
    {
        var once = Started().Vitals(0.5, sys: 120, dia: 80).RateMlPerHour(1, 52.5).Vitals(5, sys: 160, dia: 80).Vitals(10, sys: 125, dia: 80).Evaluate();
        var episode = Started().Vitals(0.5, sys: 120, dia: 80).RateMlPerHour(1, 52.5).Vitals(5, sys: 160, dia: 80).Vitals(10, sys: 161, dia: 80)
            .Vitals(15, sys: 162, dia: 80).Evaluate();

        once.Has(RuleIds.VitalsBaselineChange).ShouldBeFalse();
        episode.Single(RuleIds.VitalsBaselineChange).EpisodeKey.ShouldBe("systolic:S-0001-0004");
    }

    [Fact]
    public void NoPreDoseReadingIsSaidNotSkipped()
    {
        var evaluation = Started().RateMlPerHour(1, 52.5).Vitals(5, hr: 80).Evaluate();

        evaluation.State.RulesNotEvaluated.Select(r => r.RuleId).ShouldContain(RuleIds.VitalsBaselineChange);
    }
}
