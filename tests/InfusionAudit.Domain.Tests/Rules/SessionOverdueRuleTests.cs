using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;
using static InfusionAudit.Domain.Tests.Builders.TimerSteps;

namespace InfusionAudit.Domain.Tests.Rules;

/// <summary><c>SESSION-OVERDUE</c> (<c>SessionOverdueRule</c>).</summary>
public sealed class SessionOverdueRuleTests
{
    [Fact]
    public void ASessionWithoutAnEndIsOverdueAfterPlannedDurationPlusThirtyMinutes()
    {
        var builder = new SessionBuilder().StartIv().RateMlPerHour(0, 52.5);
        var due = SessionBuilder.At(70);

        builder.Evaluate(asOf: due).Has(RuleIds.SessionOverdue).ShouldBeFalse();
        var finding = builder.Evaluate(asOf: due + OneSecond).Single(RuleIds.SessionOverdue);

        finding.DetectedAt.ShouldBe(due);
        finding.TriggerEventId.ShouldBeNull();
        finding.Severity.ShouldBe(Severity.Warning);
        builder.Evaluate(asOf: due.AddHours(5)).Single(RuleIds.SessionOverdue).ShouldBe(finding);
    }

    [Theory]
    [InlineData(70, false)]
    [InlineData(70 + 1.0 / 60, true)]
    public void AnEndDatedPastTheDeadlineIsTheSameOverdueFinding(double endMin, bool fires)
    {
        var evaluation = new SessionBuilder().StartIv().RateMlPerHour(0, 52.5).RateMlPerHour(40, 0).End(endMin).Evaluate();

        evaluation.Has(RuleIds.SessionOverdue).ShouldBe(fires);
        if (fires)
        {
            var finding = evaluation.Single(RuleIds.SessionOverdue);
            finding.DetectedAt.ShouldBe(SessionBuilder.At(70));
            finding.TriggerEventId.ShouldBeNull();
        }
    }
}
