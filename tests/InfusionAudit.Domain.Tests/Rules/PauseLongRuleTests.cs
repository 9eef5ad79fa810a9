using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Rules;

/// <summary><c>PAUSE-LONG</c> (<c>PauseLongRule</c>).</summary>
public sealed class PauseLongRuleTests
{
    [Theory]
    [InlineData(10, false)]
    [InlineData(10 + 1.0 / 60, true)]
    public void APauseLongerThanTenMinutesIsFlaggedAtTheResume(double pauseMin, bool fires)
    {
        var evaluation = new SessionBuilder().StartIv().RateMlPerHour(0, 52.5).Pause(5).Resume(5 + pauseMin).Evaluate();

        evaluation.Has(RuleIds.PauseLong).ShouldBe(fires);
        if (fires)
        {
            var finding = evaluation.Single(RuleIds.PauseLong);
            finding.EpisodeKey.ShouldBe("S-0001-0002");
            finding.TriggerEventId.ShouldBe("S-0001-0003");
        }
    }

    [Fact]
    public void AnOpenPauseIsShownLongByAnyLaterEvent()
    {
        var evaluation = new SessionBuilder().StartIv().RateMlPerHour(0, 52.5).Pause(5).Vitals(15, hr: 70).Vitals(15.5, hr: 70).Evaluate();

        evaluation.Single(RuleIds.PauseLong).TriggerEventId.ShouldBe("S-0001-0004");
    }
}
