using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Rules;

/// <summary>
/// Catalogue v2, the vital signs a sedation nurse watches: <c>VITALS-BP-LOW</c>, <c>VITALS-RR-HIGH</c>,
/// <c>VITALS-BASELINE-CHANGE</c>, <c>VITALS-MISSING</c>, <c>VITALS-BP-40MIN-MISSING</c>, <c>AE-ASPIRATION-RISK</c>; boundaries just
/// below, at and just above each number.
/// </summary>
public sealed class SedationVitalsRuleTests
{
    private static SessionBuilder Started() => new SessionBuilder().StartIv();

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

    [Theory]
    [InlineData(24, false)]
    [InlineData(25, true)]
    [InlineData(26, true)]
    public void ARespiratoryRateOfTwentyFiveIsFast(double rr, bool fires)
    {
        Started().Vitals(1, rr: rr).Evaluate().Has(RuleIds.VitalsRrHigh).ShouldBe(fires);
    }

    [Theory]
    [InlineData(100, false)] // +25 % exactly
    [InlineData(100.1, true)]
    [InlineData(60, false)] // -25 %
    [InlineData(59.9, true)]
    public void HeartRateMoreThanTwentyFivePercentFromThePreDoseReadingOnTwoReadings(double hr, bool fires)
    {
        var evaluation = Started().Vitals(0.5, hr: 80).RateMlPerHour(1, 52.5).Vitals(5, hr: hr).Vitals(10, hr: hr).Evaluate();

        evaluation.Has(RuleIds.VitalsBaselineChange).ShouldBe(fires, evaluation.Describe());
        if (fires)
        {
            var finding = evaluation.Single(RuleIds.VitalsBaselineChange);
            finding.EpisodeKey.ShouldBe("heartRate:S-0001-0004");
            finding.TriggerEventId.ShouldBe("S-0001-0004");
        }
    }

    [Fact]
    public void OneChangedReadingIsNotEnoughAndAnEpisodeIsOneFinding()
    {
        var once = Started().Vitals(0.5, sys: 120, dia: 80).RateMlPerHour(1, 52.5).Vitals(5, sys: 160, dia: 80).Vitals(10, sys: 125, dia: 80).Evaluate();
        var episode = Started().Vitals(0.5, sys: 120, dia: 80).RateMlPerHour(1, 52.5).Vitals(5, sys: 160, dia: 80).Vitals(10, sys: 161, dia: 80)
            .Vitals(15, sys: 162, dia: 80).Evaluate();

        once.Has(RuleIds.VitalsBaselineChange).ShouldBeFalse();
        episode.Single(RuleIds.VitalsBaselineChange).EpisodeKey.ShouldBe("systolic:S-0001-0004");
    }

    [Fact]
    public void NoPreDoseReadingIsSaidNotSkipped()
    {
        var evaluation = Started().RateMlPerHour(1, 52.5).Vitals(5, hr: 80).Evaluate();

        evaluation.State.RulesNotEvaluated.Select(r => r.RuleId).ShouldContain(RuleIds.VitalsBaselineChange);
    }

    [Theory]
    [InlineData(15, false)]
    [InlineData(15.02, true)]
    public void NoBloodPressureForMoreThanFifteenMinutesWhileDosingIsATimerFinding(double gapMin, bool fires)
    {
        // Dosing from minute 1, readings with pressure and SpO2 at 1 and 1 + gap, end 2 min after.
        var evaluation = Started().RateMlPerHour(1, 52.5).Vitals(1, sys: 120, dia: 80, spo2: 98).Vitals(1 + gapMin, sys: 120, dia: 80, spo2: 98)
            .End(3 + gapMin).Evaluate();

        evaluation.Of(RuleIds.VitalsMissing).Count.ShouldBe(fires ? 2 : 0, evaluation.Describe());
        if (fires)
        {
            var finding = evaluation.Of(RuleIds.VitalsMissing).Single(f => f.EpisodeKey.StartsWith("bloodPressure:", StringComparison.Ordinal));
            finding.TriggerEventId.ShouldBeNull();
            finding.DetectedAt.ShouldBe(SessionBuilder.At(16));
        }
    }

    [Fact]
    public void ASpo2OnlyMonitorStillMissesThePressure()
    {
        var evaluation = Started().RateMlPerHour(1, 52.5).Vitals(1, sys: 120, dia: 80, spo2: 98)
            .Vitals(10, spo2: 98).Vitals(20, spo2: 98).Vitals(30, sys: 120, dia: 80, spo2: 98).End(31).Evaluate();

        evaluation.Single(RuleIds.VitalsMissing).EpisodeKey.ShouldBe("bloodPressure:S-0001-0002");
    }

    [Fact]
    public void TheWatchRunsUntilTheDischargeAndWhileOpenUntilNow()
    {
        var discharged = SessionBuilder.StandardIv().Discharge(80).Evaluate();
        var open = Started().RateMlPerHour(1, 52.5).Vitals(1, sys: 120, dia: 80, spo2: 98);

        discharged.Of(RuleIds.VitalsMissing).Count.ShouldBe(2, "46 to 80 min without a reading");
        open.Evaluate(asOf: SessionBuilder.At(16)).Has(RuleIds.VitalsMissing).ShouldBeFalse();
        open.Evaluate(asOf: SessionBuilder.At(16.01)).Of(RuleIds.VitalsMissing).Count.ShouldBe(2);
    }

    [Fact]
    public void NothingIsWatchedBeforeTheFirstDose()
    {
        new SessionBuilder().StartIv().Vitals(0, sys: 120, dia: 80, spo2: 98).End(60).Evaluate().Has(RuleIds.VitalsMissing).ShouldBeFalse();
    }

    [Theory]
    [InlineData(29.9, true)]
    [InlineData(30, false)]
    [InlineData(40, false)]
    [InlineData(50, false)]
    [InlineData(50.1, true)]
    public void IntranasalNeedsABloodPressureThirtyToFiftyMinutesAfterTheFirstDevice(double readingMin, bool fires)
    {
        var evaluation = new SessionBuilder().StartIntranasal().Vitals(-1, sys: 120, dia: 80).Dose(0, 28).Dose(5, 28)
            .Vitals(readingMin, sys: 120, dia: 80).End(130).Evaluate();

        evaluation.Has(RuleIds.VitalsBp40MinMissing).ShouldBe(fires, evaluation.Describe());
        if (fires)
        {
            evaluation.Single(RuleIds.VitalsBp40MinMissing).DetectedAt.ShouldBe(SessionBuilder.At(50));
        }
    }

    [Fact]
    public void TheFortyMinuteReadingIsNotDueBeforeTheWindowCloses()
    {
        var running = new SessionBuilder().StartIntranasal().Dose(0, 28);

        running.Evaluate(asOf: SessionBuilder.At(50)).Has(RuleIds.VitalsBp40MinMissing).ShouldBeFalse();
        running.Evaluate(asOf: SessionBuilder.At(50.01)).Has(RuleIds.VitalsBp40MinMissing).ShouldBeTrue();
        SessionBuilder.StandardIv().Evaluate().Has(RuleIds.VitalsBp40MinMissing).ShouldBeFalse("the IV protocol has no bpAfterFirstDose");
    }

    [Theory]
    [InlineData(29.9, true)]
    [InlineData(30, true)]
    [InlineData(30.1, false)]
    public void VomitingWithinThirtyMinutesOfSedationIsAnAspirationRisk(double minutesApart, bool fires)
    {
        var evaluation = Started().AdverseEffect(1, AdverseEffect.Sedation, AdverseEffectSeverity.Mild)
            .AdverseEffect(1 + minutesApart, AdverseEffect.Vomiting, AdverseEffectSeverity.Mild).Evaluate();

        evaluation.Has(RuleIds.AeAspirationRisk).ShouldBe(fires, evaluation.Describe());
        if (fires)
        {
            var finding = evaluation.Single(RuleIds.AeAspirationRisk);
            finding.Severity.ShouldBe(Severity.Critical);
            finding.TriggerEventId.ShouldBe("S-0001-0002");
        }
    }

    [Fact]
    public void LossOfConsciousnessAfterVomitingIsShownByTheLaterEvent()
    {
        var evaluation = Started().AdverseEffect(1, AdverseEffect.Vomiting, AdverseEffectSeverity.Moderate)
            .AdverseEffect(20, AdverseEffect.LossOfConsciousness, AdverseEffectSeverity.Severe).Evaluate();

        var finding = evaluation.Single(RuleIds.AeAspirationRisk);
        finding.EpisodeKey.ShouldBe("S-0001-0001");
        finding.TriggerEventId.ShouldBe("S-0001-0002");
    }

    [Fact]
    public void VomitingAloneIsNotAnAspirationRisk()
    {
        Started().AdverseEffect(1, AdverseEffect.Vomiting, AdverseEffectSeverity.Moderate).AdverseEffect(2, AdverseEffect.Dissociation, AdverseEffectSeverity.Mild)
            .Evaluate().Has(RuleIds.AeAspirationRisk).ShouldBeFalse();
    }
}
