using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;
using static InfusionAudit.Domain.Tests.Builders.TimerSteps;

namespace InfusionAudit.Domain.Tests.Rules;

/// <summary><c>SESSION-ABANDONED</c> (<c>SessionAbandonedRule</c>).</summary>
public sealed class SessionAbandonedRuleTests
{
    [Fact]
    public void AnOpenSessionUnheardForTwentyFourHoursIsAbandonedAtThatInstant()
    {
        var builder = new SessionBuilder().StartIv().RateMlPerHour(0, 52.5).Vitals(5, hr: 70);
        var deadline = builder.Last.ReceivedAt + TimeSpan.FromHours(24);

        builder.Evaluate(asOf: deadline - OneSecond).Has(RuleIds.SessionAbandoned).ShouldBeFalse();
        var finding = builder.Evaluate(asOf: deadline).Single(RuleIds.SessionAbandoned);

        finding.DetectedAt.ShouldBe(deadline);
        finding.Severity.ShouldBe(Severity.Warning);
        finding.TriggerEventId.ShouldBeNull();
        builder.Evaluate(asOf: deadline.AddDays(30)).Single(RuleIds.SessionAbandoned).ShouldBe(finding);
    }

    [Fact]
    public void AnEndedSessionIsNeverAbandonedAndASessionThatSendsAgainIsNoLonger()
    {
        var ended = new SessionBuilder().StartIv().RateMlPerHour(0, 52.5).RateMlPerHour(40, 0).End(45);
        ended.Evaluate(asOf: SessionBuilder.At(60 * 24 * 10)).Has(RuleIds.SessionAbandoned).ShouldBeFalse();

        var resumed = new SessionBuilder().StartIv().RateMlPerHour(0, 52.5);
        resumed.Evaluate(asOf: SessionBuilder.At(60 * 25)).Has(RuleIds.SessionAbandoned).ShouldBeTrue();
        resumed.Vitals(60 * 25, hr: 70);
        resumed.Evaluate(asOf: SessionBuilder.At(60 * 25)).Has(RuleIds.SessionAbandoned).ShouldBeFalse();
    }
}
