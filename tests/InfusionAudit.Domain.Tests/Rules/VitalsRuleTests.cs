using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Rules;

public sealed class VitalsRuleTests
{
    [Theory]
    [InlineData(140, 90, false)]
    [InlineData(141, 90, true)]
    [InlineData(140, 91, true)]
    public void TheLastPressureBeforeTheFirstDoseMustBeAtMost140Over90(double sys, double dia, bool fires)
    {
        var evaluation = new SessionBuilder().StartIv().Vitals(0, sys: 150, dia: 95).Vitals(1, sys: sys, dia: dia).RateMlPerHour(2, 52.5).Evaluate();

        evaluation.Has(RuleIds.VitalsBpPredose).ShouldBe(fires);
        if (fires)
        {
            evaluation.Single(RuleIds.VitalsBpPredose).TriggerEventId.ShouldBe("S-0001-0003");
        }
    }

    [Fact]
    public void ReadingsAfterTheFirstDoseAreNotPredose()
    {
        new SessionBuilder().StartIntranasal().Vitals(0, sys: 130, dia: 80).Dose(1, 28).Vitals(2, sys: 150, dia: 95).Evaluate()
            .Has(RuleIds.VitalsBpPredose).ShouldBeFalse();
    }

    [Theory]
    [InlineData(159, 99, false)]
    [InlineData(160, 80, true)]
    [InlineData(120, 100, true)]
    public void HighPressureIsAtLeast160Or100(double sys, double dia, bool fires)
    {
        new SessionBuilder().StartIv().Vitals(5, sys: sys, dia: dia).Evaluate().Has(RuleIds.VitalsBpHigh).ShouldBe(fires);
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

    [Theory]
    [InlineData(110, false)]
    [InlineData(110.1, true)]
    public void HeartRateAbove110IsHigh(double hr, bool fires)
    {
        new SessionBuilder().StartIv().Vitals(5, hr: hr).Evaluate().Has(RuleIds.VitalsHrHigh).ShouldBe(fires);
    }

    [Theory]
    [InlineData(121, 5, true)]
    [InlineData(120, 5, false)]
    [InlineData(121, 4 + 59.0 / 60, false)]
    public void HeartRateAbove120SustainedForFiveMinutesIsCritical(double hr, double spanMin, bool fires)
    {
        var evaluation = new SessionBuilder().StartIv().Vitals(5, hr: hr).Vitals(5 + (spanMin / 2), hr: hr).Vitals(5 + spanMin, hr: hr).Evaluate();

        evaluation.Has(RuleIds.VitalsHrCritical).ShouldBe(fires);
        if (fires)
        {
            evaluation.Single(RuleIds.VitalsHrCritical).TriggerEventId.ShouldBe("S-0001-0003");
        }
    }

    [Fact]
    public void AReadingAt120OrBelowInterruptsTheSustainedRun()
    {
        new SessionBuilder().StartIv().Vitals(0, hr: 125).Vitals(2, hr: 118).Vitals(5, hr: 125).Evaluate()
            .Has(RuleIds.VitalsHrCritical).ShouldBeFalse();
    }

    [Theory]
    [InlineData(140, false)]
    [InlineData(140.1, true)]
    public void OneHeartRateAbove140IsCritical(double hr, bool fires)
    {
        new SessionBuilder().StartIv().Vitals(5, hr: hr).Evaluate().Has(RuleIds.VitalsHrCritical).ShouldBe(fires);
    }

    [Theory]
    [InlineData(94, new string[0])]
    [InlineData(93.9, new[] { RuleIds.VitalsSpo2Low })]
    [InlineData(90, new[] { RuleIds.VitalsSpo2Low })]
    [InlineData(89.9, new[] { RuleIds.VitalsSpo2Critical, RuleIds.VitalsSpo2Low })]
    public void OxygenSaturationBelow94IsLowAndBelow90Critical(double spo2, string[] expected)
    {
        var evaluation = new SessionBuilder().StartIv().Vitals(5, spo2: spo2).Evaluate();

        evaluation.Findings.Select(f => f.RuleId).Order(StringComparer.Ordinal).ShouldBe(expected);
    }

    [Theory]
    [InlineData(8, false)]
    [InlineData(7.9, true)]
    public void RespiratoryRateBelowEightIsCritical(double rr, bool fires)
    {
        new SessionBuilder().StartIv().Vitals(5, rr: rr).Evaluate().Has(RuleIds.VitalsRrCritical).ShouldBe(fires);
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

    [Theory]
    [InlineData(AdverseEffect.Nausea, AdverseEffectSeverity.Mild, RuleIds.AeReported, Severity.Info)]
    [InlineData(AdverseEffect.Dizziness, AdverseEffectSeverity.Moderate, RuleIds.AeReported, Severity.Warning)]
    [InlineData(AdverseEffect.Hallucinations, AdverseEffectSeverity.Severe, RuleIds.AeSevere, Severity.Critical)]
    [InlineData(AdverseEffect.Agitation, AdverseEffectSeverity.LifeThreatening, RuleIds.AeSevere, Severity.Critical)]
    [InlineData(AdverseEffect.RespiratoryDepression, AdverseEffectSeverity.Mild, RuleIds.AeSevere, Severity.Critical)]
    [InlineData(AdverseEffect.LossOfConsciousness, AdverseEffectSeverity.Moderate, RuleIds.AeSevere, Severity.Critical)]
    public void AdverseEffectsAreGradedBySeverityAndEffect(AdverseEffect effect, AdverseEffectSeverity severity, string ruleId, Severity expected)
    {
        var builder = new SessionBuilder().StartIv().AdverseEffect(5, effect, severity);

        var finding = builder.Evaluate().Findings.ShouldHaveSingleItem();

        finding.RuleId.ShouldBe(ruleId);
        finding.Severity.ShouldBe(expected);
        finding.TriggerEventId.ShouldBe(builder.Last.Event.EventId);
        finding.DetectedAt.ShouldBe(builder.Last.ReceivedAt);
    }

    [Fact]
    public void StoppingForAnAdverseEffectIsCritical()
    {
        var finding = new SessionBuilder().StartIv().End(5, SessionEndReason.StoppedForAdverseEffect).Evaluate().Single(RuleIds.SessionStoppedAe);

        finding.Severity.ShouldBe(Severity.Critical);
        finding.TriggerEventId.ShouldBe("S-0001-0001");
    }
}
