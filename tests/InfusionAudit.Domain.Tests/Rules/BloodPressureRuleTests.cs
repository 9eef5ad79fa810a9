using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Rules;

/// <summary><c>VITALS-BP-CRITICAL</c>, <c>VITALS-BP-HIGH</c> (<c>BloodPressureRule</c>).</summary>
public sealed class BloodPressureRuleTests
{
    [Theory]
    [InlineData(159, 99, false)]
    [InlineData(160, 80, true)]
    [InlineData(120, 100, true)]
    public void HighPressureIsAtLeast160Or100(double sys, double dia, bool fires)
    {
        new SessionBuilder().StartIv().Vitals(5, sys: sys, dia: dia).Evaluate().Has(RuleIds.VitalsBpHigh).ShouldBe(fires);
    }

    [Fact]
    public void ACuffReadingRepeatedInLaterReportsAtItsOwnTimeOpensNoEpisodeOfItsOwn()
    {
        // A monitor repeats its last cuff reading in each periodic report, at the time it was taken (docs/hl7v2.md):
        // those copies sort beside the first and stay in its episode, while a fresh high reading later opens another.
        var evaluation = new SessionBuilder().StartIv().Vitals(5, sys: 165, dia: 90).Vitals(6, hr: 80).Vitals(5, sys: 165, dia: 90)
            .Vitals(7, hr: 82).Vitals(5, sys: 165, dia: 90).Vitals(9, sys: 120, dia: 80).Vitals(12, sys: 170, dia: 95).Evaluate();

        evaluation.Of(RuleIds.VitalsBpHigh).Count.ShouldBe(2, evaluation.Describe());
    }

    [Fact]
    public void ConsecutiveHighPressuresAreOneEpisode()
    {
        var evaluation = new SessionBuilder().StartIv()
            .Vitals(5, sys: 165, dia: 90).Vitals(10, sys: 170, dia: 90).Vitals(15, sys: 130, dia: 80).Vitals(20, sys: 161, dia: 80)
            .Evaluate();

        evaluation.Of(RuleIds.VitalsBpHigh).Select(f => f.EpisodeKey).ShouldBe(["S-0001-0001", "S-0001-0004"]);
    }

    [Theory]
    [InlineData(179, 109, 179, 109, 5, false)]
    [InlineData(180, 90, 150, 110, 5, true)]
    [InlineData(180, 110, 180, 110, 10, true)]
    [InlineData(180, 110, 180, 110, 10 + 1.0 / 60, false)]
    public void TwoPressuresAtOrAbove180Or110WithinTenMinutesAreCritical(double sys1, double dia1, double sys2, double dia2, double apartMin, bool fires)
    {
        var builder = new SessionBuilder().StartIv().Vitals(5, sys: sys1, dia: dia1).Vitals(5 + apartMin, sys: sys2, dia: dia2);

        var evaluation = builder.Evaluate();

        evaluation.Has(RuleIds.VitalsBpCritical).ShouldBe(fires);
        if (fires)
        {
            var finding = evaluation.Single(RuleIds.VitalsBpCritical);
            finding.TriggerEventId.ShouldBe(builder.Last.Event.EventId);
            finding.DetectedAt.ShouldBe(builder.Last.ReceivedAt);
        }
    }

    [Theory]
    [InlineData(200, 80, true)]
    [InlineData(150, 120, true)]
    [InlineData(199, 119, false)]
    public void OnePressureAtOrAbove200Or120IsCritical(double sys, double dia, bool fires)
    {
        new SessionBuilder().StartIv().Vitals(5, sys: sys, dia: dia).Evaluate().Has(RuleIds.VitalsBpCritical).ShouldBe(fires);
    }

    [Fact]
    public void ACriticalPressureEpisodeFiresOnceUntilPressureFalls()
    {
        var evaluation = new SessionBuilder().StartIv()
            .Vitals(0, sys: 185, dia: 100).Vitals(3, sys: 186, dia: 100).Vitals(6, sys: 190, dia: 100)
            .Vitals(9, sys: 140, dia: 85).Vitals(30, sys: 185, dia: 100).Vitals(33, sys: 185, dia: 100)
            .Evaluate();

        evaluation.Of(RuleIds.VitalsBpCritical).Select(f => f.EpisodeKey).ShouldBe(["S-0001-0002", "S-0001-0006"]);
    }
}
