using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Rules;

/// <summary><c>VITALS-HR-LOW</c> (<c>HeartRateLowRule</c>).</summary>
public sealed class HeartRateLowRuleTests
{
    [Theory]
    [InlineData(2.0, true)]
    [InlineData(2 + (1.0 / 60), false)]
    public void TwoHeartRatesBelowTheFloorWithinTwoMinutesAreCritical(double apartMin, bool fires)
    {
        var builder = new SessionBuilder().StartIv().Vitals(5, hr: 15).Vitals(5 + apartMin, hr: 12);

        var evaluation = builder.Evaluate();

        evaluation.Of(RuleIds.VitalsHrLow).Where(f => f.Severity == Severity.Critical).Select(f => f.TriggerEventId)
            .ShouldBe(fires ? [builder.Last.Event.EventId] : [], evaluation.Describe());
    }

    [Theory]
    [InlineData(51, null)]
    [InlineData(50, Severity.Warning)]
    [InlineData(41, Severity.Warning)]
    [InlineData(40, Severity.Critical)]
    public void HeartRateAtOrBelowFiftyIsLowAndAtOrBelowFortyCritical(double hr, Severity? expected)
    {
        var evaluation = new SessionBuilder().StartIv().Vitals(5, hr: hr).Evaluate();

        evaluation.Of(RuleIds.VitalsHrLow).Select(f => (Severity?)f.Severity).ShouldBe(expected is null ? [] : [expected]);
    }

    [Fact]
    public void ALowHeartRateRunIsOneWarningAndItsCriticalRunOneCritical()
    {
        var evaluation = new SessionBuilder().StartIv().Vitals(5, hr: 48).Vitals(6, hr: 38).Vitals(7, hr: 36).Vitals(8, hr: 45).Vitals(9, hr: 39).Evaluate();

        evaluation.Of(RuleIds.VitalsHrLow).Select(f => (f.EpisodeKey, f.Severity)).ShouldBe(
            [("S-0001-0001", Severity.Warning), ("S-0001-0002", Severity.Critical), ("S-0001-0005", Severity.Critical)]);
    }
}
