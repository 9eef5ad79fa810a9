using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Rules;

/// <summary><c>VITALS-IMPLAUSIBLE</c> (<c>VitalsImplausibleRule</c>).</summary>
public sealed class VitalsImplausibleRuleTests
{
    [Fact]
    public void OneSaturationBelowTheFloorIsOnlyImplausible()
    {
        var evaluation = new SessionBuilder().StartIv().Vitals(5, spo2: 45).Vitals(6, spo2: 97).Vitals(7, spo2: 96).Evaluate();

        evaluation.Findings.Select(f => f.RuleId).ShouldBe([RuleIds.VitalsImplausible]);
        evaluation.Single(RuleIds.VitalsImplausible).Evidence.ShouldBe("implausible reading kept but not judged: SpO2 45 % outside 50–100 %");
    }

    [Fact]
    public void TheConfirmedReadingsSayTheyWereJudged()
    {
        var evaluation = new SessionBuilder().StartIv().Vitals(5, spo2: 45).Vitals(6, spo2: 40).Evaluate();

        evaluation.Of(RuleIds.VitalsImplausible).Select(f => f.Evidence).ShouldAllBe(
            e => e.EndsWith("below the physiological floor twice within 2 min: judged as real", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(20.0, null, null, null, null, false)]
    [InlineData(19.9, null, null, null, null, true)]
    [InlineData(250.0, null, null, null, null, false)]
    [InlineData(250.1, null, null, null, null, true)]
    [InlineData(null, 50.0, 20.0, null, null, false)]
    [InlineData(null, 49.9, 20.0, null, null, true)]
    [InlineData(null, 300.0, 200.0, null, null, false)]
    [InlineData(null, 300.1, 120.0, null, null, true)]
    [InlineData(null, 120.0, 19.9, null, null, true)]
    [InlineData(null, null, 200.1, null, null, true)]
    [InlineData(null, 120.0, 120.0, null, null, true)]
    [InlineData(null, 120.0, 119.9, null, null, false)]
    [InlineData(null, null, null, 50.0, null, false)]
    [InlineData(null, null, null, 49.9, null, true)]
    [InlineData(null, null, null, 100.0, null, false)]
    [InlineData(null, null, null, 100.1, null, true)]
    [InlineData(null, null, null, null, 0.0, false)]
    [InlineData(null, null, null, null, 80.0, false)]
    [InlineData(null, null, null, null, 80.1, true)]
    public void ValuesOutsidePhysiologyAreImplausible(double? hr, double? sys, double? dia, double? spo2, double? rr, bool fires)
    {
        new SessionBuilder().StartIv().Vitals(5, hr, sys, dia, spo2, rr).Evaluate().Has(RuleIds.VitalsImplausible).ShouldBe(fires);
    }

    [Fact]
    public void ImplausibleValuesAreKeptOutOfTheOtherVitalsRules()
    {
        var evaluation = new SessionBuilder().StartIv().Vitals(5, hr: 260, sys: 310, dia: 130, spo2: 40).Vitals(6, sys: 100, dia: 150).Evaluate();

        evaluation.Findings.Select(f => f.RuleId).Distinct().ShouldBe([RuleIds.VitalsImplausible]);
        evaluation.Of(RuleIds.VitalsImplausible).Count.ShouldBe(2);
    }

    [Fact]
    public void OnlyThePlausibleValuesOfAReadingAreJudged()
    {
        var evaluation = new SessionBuilder().StartIv().Vitals(5, hr: 300, spo2: 85).Evaluate();

        evaluation.Has(RuleIds.VitalsImplausible).ShouldBeTrue();
        evaluation.Has(RuleIds.VitalsSpo2Critical).ShouldBeTrue();
        evaluation.Has(RuleIds.VitalsHrCritical).ShouldBeFalse();
    }
}
