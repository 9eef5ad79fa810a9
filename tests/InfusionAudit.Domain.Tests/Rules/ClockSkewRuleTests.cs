using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Rules;

/// <summary><c>CLOCK-SKEW</c> (<c>ClockSkewRule</c>).</summary>
public sealed class ClockSkewRuleTests
{
    [Theory]
    [InlineData(300, false)]
    [InlineData(301, true)]
    public void AnEventDatedMoreThanFiveMinutesAheadOfItsReceiptIsClockSkew(int aheadSeconds, bool fires)
    {
        var builder = new SessionBuilder().StartIv().Vitals(10, hr: 70).ReceivedAt(SessionBuilder.At(10).AddSeconds(-aheadSeconds));

        builder.Evaluate().Has(RuleIds.ClockSkew).ShouldBe(fires);
    }

    [Fact]
    public void ClockSkewIsReportedOncePerDevice()
    {
        var builder = new SessionBuilder { ReceiveDelay = TimeSpan.FromMinutes(-6) }.StartIv().Vitals(10, hr: 70);
        builder.DeviceId = "monitor-2";
        builder.Vitals(11, hr: 70).Vitals(12, hr: 70);

        builder.Evaluate().Of(RuleIds.ClockSkew).Select(f => (f.EpisodeKey, f.TriggerEventId))
            .ShouldBe([("pump-17", "S-0001-0000"), ("monitor-2", "S-0001-0002")], ignoreOrder: true);
    }
}
