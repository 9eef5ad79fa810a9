using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;
using static InfusionAudit.Domain.Tests.Builders.TimerSteps;

namespace InfusionAudit.Domain.Tests.Rules;

/// <summary><c>SESSION-NO-START</c> (<c>SessionNoStartRule</c>).</summary>
public sealed class SessionNoStartRuleTests
{
    [Fact]
    public void EventsWithoutAStartForMoreThanTenMinutesAreFlagged()
    {
        var builder = new SessionBuilder().Vitals(0, hr: 70);
        var deadline = builder.Last.ReceivedAt + TimeSpan.FromMinutes(10);

        builder.Evaluate(asOf: deadline).Has(RuleIds.SessionNoStart).ShouldBeFalse();
        var finding = builder.Evaluate(asOf: deadline + OneSecond).Single(RuleIds.SessionNoStart);

        finding.DetectedAt.ShouldBe(deadline);
        finding.ProtocolId.ShouldBe(TestProtocols.IvId);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    public void AStartArrivingAfterTenMinutesKeepsTheFinding(int lateSeconds, bool fires)
    {
        var builder = new SessionBuilder().Vitals(0, hr: 70);
        var deadline = builder.Last.ReceivedAt + TimeSpan.FromMinutes(10);
        builder.StartIv(minute: -1).ReceivedAt(deadline.AddSeconds(lateSeconds));

        var evaluation = builder.Evaluate(asOf: deadline.AddHours(1));

        evaluation.Has(RuleIds.SessionNoStart).ShouldBe(fires);
        if (fires)
        {
            evaluation.Single(RuleIds.SessionNoStart).DetectedAt.ShouldBe(deadline);
        }
    }
}
