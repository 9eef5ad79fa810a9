using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;
using static InfusionAudit.Domain.Tests.Builders.SedationSession;

namespace InfusionAudit.Domain.Tests.Rules;

/// <summary><c>VITALS-MISSING</c> (<c>VitalsMissingRule</c>).</summary>
public sealed class VitalsMissingRuleTests
{
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
}
