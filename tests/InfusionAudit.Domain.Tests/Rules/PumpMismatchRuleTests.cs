using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Rules;

/// <summary><c>DOSE-PUMP-MISMATCH</c> (<c>PumpMismatchRule</c>).</summary>
public sealed class PumpMismatchRuleTests
{
    [Theory]
    [InlineData(36.75, false)]
    [InlineData(36.76, true)]
    [InlineData(33.25, false)]
    [InlineData(33.24, true)]
    public void APumpTotalBeyondFivePercentOfTheComputedVolumeIsAMismatch(double reportedMl, bool fires)
    {
        // 52.5 mL/h for 40 min = 35 mL computed; 5 % = 1.75 mL > 1 mL.
        var evaluation = new SessionBuilder().StartIv().RateMlPerHour(0, 52.5).PumpTotal(40, reportedMl).Evaluate();

        evaluation.Has(RuleIds.DosePumpMismatch).ShouldBe(fires, evaluation.Describe());
    }

    [Theory]
    [InlineData(11, false)]
    [InlineData(11.01, true)]
    public void SmallVolumesAllowOneMillilitre(double reportedMl, bool fires)
    {
        var evaluation = new SessionBuilder().StartIv().RateMlPerHour(0, 60).PumpTotal(10, reportedMl).Evaluate();

        evaluation.Has(RuleIds.DosePumpMismatch).ShouldBe(fires, evaluation.Describe());
    }

    [Fact]
    public void ConsecutiveMismatchingPumpReportsAreOneEpisode()
    {
        var evaluation = new SessionBuilder().StartIv().RateMlPerHour(0, 60)
            .PumpTotal(10, 15).PumpTotal(20, 25).PumpTotal(30, 30).PumpTotal(40, 50)
            .Evaluate();

        evaluation.Of(RuleIds.DosePumpMismatch).Select(f => f.EpisodeKey).ShouldBe(["S-0001-0002", "S-0001-0005"]);
    }
}
