using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Rules;

/// <summary>Issue 10, item 9: readings at the physiological floor, the missing pre-dose pressure, withheld intranasal doses.</summary>
public sealed class VitalsEdgeRuleTests
{
    [Theory]
    [InlineData(2.0, true)]
    [InlineData(2 + (1.0 / 60), false)]
    public void TwoSaturationsBelowTheFloorWithinTwoMinutesAreCritical(double apartMin, bool fires)
    {
        var builder = new SessionBuilder().StartIv().Vitals(5, spo2: 45).Vitals(5 + apartMin, spo2: 40);

        var evaluation = builder.Evaluate();

        evaluation.Has(RuleIds.VitalsSpo2Critical).ShouldBe(fires, evaluation.Describe());
        evaluation.Has(RuleIds.VitalsSpo2Low).ShouldBe(fires);
        evaluation.Of(RuleIds.VitalsImplausible).Count.ShouldBe(2);
        if (fires)
        {
            var finding = evaluation.Single(RuleIds.VitalsSpo2Critical);
            finding.TriggerEventId.ShouldBe(builder.Last.Event.EventId);
            finding.Evidence.ShouldBe("SpO2 40 % (critical limit 90 %); below the physiological floor 50 % twice within 2 min: judged as real");
        }
    }

    [Theory]
    [InlineData(2.0, true)]
    [InlineData(2 + (1.0 / 60), false)]
    public void TwoHeartRatesBelowTheFloorWithinTwoMinutesAreCritical(double apartMin, bool fires)
    {
        var builder = new SessionBuilder().StartIv().Vitals(5, hr: 15).Vitals(5 + apartMin, hr: 12);

        var evaluation = builder.Evaluate();

        evaluation.Of(RuleIds.VitalsHrLow).Where(f => f.Severity == Severity.Critical).Select(f => f.TriggerEventId)
            .ShouldBe(fires ? [builder.Last.Event.EventId] : [], evaluation.Describe());
    }

    [Theory]
    [InlineData(51, null)]
    [InlineData(50, Severity.Warning)]
    [InlineData(41, Severity.Warning)]
    [InlineData(40, Severity.Critical)]
    public void HeartRateAtOrBelowFiftyIsLowAndAtOrBelowFortyCritical(double hr, Severity? expected)
    {
        var evaluation = new SessionBuilder().StartIv().Vitals(5, hr: hr).Evaluate();

        evaluation.Of(RuleIds.VitalsHrLow).Select(f => (Severity?)f.Severity).ShouldBe(expected is null ? [] : [expected]);
    }

    [Fact]
    public void ALowHeartRateRunIsOneWarningAndItsCriticalRunOneCritical()
    {
        var evaluation = new SessionBuilder().StartIv().Vitals(5, hr: 48).Vitals(6, hr: 38).Vitals(7, hr: 36).Vitals(8, hr: 45).Vitals(9, hr: 39).Evaluate();

        evaluation.Of(RuleIds.VitalsHrLow).Select(f => (f.EpisodeKey, f.Severity)).ShouldBe(
            [("S-0001-0001", Severity.Warning), ("S-0001-0002", Severity.Critical), ("S-0001-0005", Severity.Critical)]);
    }

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

    [Fact]
    public void AReadingAboveTheCeilingIsNotConfirmedByAnother()
    {
        var evaluation = new SessionBuilder().StartIv().Vitals(5, hr: 300).Vitals(6, hr: 300).Evaluate();

        evaluation.Has(RuleIds.VitalsHrCritical).ShouldBeFalse();
    }

    [Theory]
    [InlineData(30.0, false)]
    [InlineData(30 + (1.0 / 60), true)]
    public void APressureMustBeTakenInTheThirtyMinutesBeforeTheFirstDose(double beforeMin, bool fires)
    {
        var builder = new SessionBuilder().StartIv().Vitals(0, sys: 120, dia: 80).Vitals(beforeMin - 1, hr: 70, spo2: 98);
        var evaluation = builder.RateMlPerHour(beforeMin, 52.5).Evaluate();

        evaluation.Has(RuleIds.VitalsBpPredoseMissing).ShouldBe(fires, evaluation.Describe());
        if (fires)
        {
            var finding = evaluation.Single(RuleIds.VitalsBpPredoseMissing);
            finding.Severity.ShouldBe(Severity.Warning);
            finding.TriggerEventId.ShouldBe(builder.Last.Event.EventId);
            finding.EpisodeKey.ShouldBe("");
        }
    }

    [Fact]
    public void NoPressureAtAllBeforeADiscreteDoseIsMissing()
    {
        new SessionBuilder().StartIntranasal().Vitals(0, hr: 70).Dose(1, 28).Evaluate().Has(RuleIds.VitalsBpPredoseMissing).ShouldBeTrue();
    }

    [Fact]
    public void AnImplausiblePressureIsNoPressure()
    {
        new SessionBuilder().StartIv().Vitals(0, sys: 120, dia: 130).RateMlPerHour(1, 52.5).Evaluate()
            .Has(RuleIds.VitalsBpPredoseMissing).ShouldBeTrue();
    }

    [Fact]
    public void ASessionWithoutAnyDoseIsNotJudgedForThePredosePressure()
    {
        new SessionBuilder().StartIv().Vitals(5, hr: 70).End(10, SessionEndReason.StoppedByPatient).Evaluate()
            .Has(RuleIds.VitalsBpPredoseMissing).ShouldBeFalse();
    }

    [Theory]
    [InlineData(SessionEndReason.StoppedByPatient, false)]
    [InlineData(SessionEndReason.Other, false)]
    [InlineData(SessionEndReason.StoppedForAdverseEffect, false)]
    [InlineData(SessionEndReason.DeviceFault, false)]
    [InlineData(SessionEndReason.Completed, true)]
    public void AWithheldIntranasalDoseIsNotAFixedDoseOutsideTheAllowedSet(SessionEndReason reason, bool fires)
    {
        var evaluation = new SessionBuilder().StartIntranasal(prescribedMg: 56).Vitals(0, sys: 150, dia: 95).End(10, reason).Evaluate();

        evaluation.Of(RuleIds.DoseFixedNotAllowed).Select(f => f.EpisodeKey).ShouldBe(fires ? ["total"] : []);
    }

    [Fact]
    public void AFixedPrescriptionOutsideTheAllowedSetIsNotAllowed()
    {
        var builder = new SessionBuilder().StartIntranasal(prescribedMg: 42);
        var evaluation = builder.Vitals(0, sys: 120, dia: 80).Dose(1, 28).Dose(6, 14).End(130).Evaluate();

        var prescribed = evaluation.Of(RuleIds.DoseFixedNotAllowed).Single(f => f.EpisodeKey == "prescribed");
        prescribed.TriggerEventId.ShouldBe("S-0001-0000");
        prescribed.Evidence.ShouldBe("prescribed 42 mg is not one of the allowed doses 28/56/84 mg");
    }
}
