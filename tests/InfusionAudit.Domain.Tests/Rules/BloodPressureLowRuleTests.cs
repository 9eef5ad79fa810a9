using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;
using static InfusionAudit.Domain.Tests.Builders.SedationSession;

namespace InfusionAudit.Domain.Tests.Rules;

/// <summary><c>VITALS-BP-LOW</c> (<c>BloodPressureLowRule</c>).</summary>
public sealed class BloodPressureLowRuleTests
{
    [Theory]
    [InlineData(89.9, true)]
    [InlineData(90, false)]
    [InlineData(90.1, false)]
    public void ASystolicBelowNinetyIsAWarning(double systolic, bool fires)
    {
        var evaluation = Started().Vitals(1, sys: systolic, dia: 50).Evaluate();

        evaluation.Of(RuleIds.VitalsBpLow).Any(f => f.Severity == Severity.Warning).ShouldBe(fires, evaluation.Describe());
    }

    [Fact]
    public void ConsecutiveLowReadingsAreOneWarning()
    {
        var evaluation = Started().Vitals(1, sys: 88, dia: 50).Vitals(2, sys: 86, dia: 50).Vitals(3, sys: 120, dia: 70).Vitals(4, sys: 85, dia: 50).Evaluate();

        evaluation.Of(RuleIds.VitalsBpLow).Select(f => f.EpisodeKey).ShouldBe(["S-0001-0001", "S-0001-0004"]);
    }

    [Theory]
    [InlineData(79.9, 10, true)]
    [InlineData(80, 10, false)]
    [InlineData(79.9, 10.02, false)]
    [InlineData(70, 9.98, true)]
    public void TwoSystolicsBelowEightyWithinTenMinutesAreCritical(double second, double minutesLater, bool fires)
    {
        var evaluation = Started().Vitals(1, sys: 79, dia: 50).Vitals(1 + minutesLater, sys: second, dia: 50).Evaluate();

        var critical = evaluation.Of(RuleIds.VitalsBpLow).Where(f => f.Severity == Severity.Critical).ToList();
        critical.Count.ShouldBe(fires ? 1 : 0, evaluation.Describe());
        if (fires)
        {
            critical[0].TriggerEventId.ShouldBe("S-0001-0002");
        }
    }

    [Fact]
    public void AfterTheCriticalTheRuleIsQuietUntilAReadingAboveTheCriticalLimit()
    {
        var evaluation = Started().Vitals(1, sys: 75, dia: 50).Vitals(2, sys: 74, dia: 50).Vitals(3, sys: 73, dia: 50)
            .Vitals(4, sys: 85, dia: 50).Vitals(5, sys: 75, dia: 50).Vitals(6, sys: 74, dia: 50).Evaluate();

        evaluation.Of(RuleIds.VitalsBpLow).Where(f => f.Severity == Severity.Critical).Select(f => f.TriggerEventId).ShouldBe(["S-0001-0002", "S-0001-0005"]); // as VITALS-BP-CRITICAL: readings in between do not break a pair
    }
}
