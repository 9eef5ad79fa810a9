using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Rules;

public sealed class RateAndDurationRuleTests
{
    [Theory]
    [InlineData(1.5, null)]
    [InlineData(1.5001, RuleIds.RateSoft)]
    [InlineData(3.0, RuleIds.RateSoft)]
    [InlineData(3.0001, RuleIds.RateHard)]
    public void ProgrammedRatesInMilligramsPerKilogramPerHourAreJudgedAgainstTheMaxima(double mgPerKgPerHour, string? expected)
    {
        var evaluation = new SessionBuilder().StartIv().RateMgPerKgPerHour(1, mgPerKgPerHour).Evaluate();

        evaluation.Findings.Where(f => f.RuleId is RuleIds.RateSoft or RuleIds.RateHard).Select(f => f.RuleId)
            .ShouldBe(expected is null ? [] : [expected]);
    }

    [Theory]
    [InlineData(105, null)]
    [InlineData(105.01, RuleIds.RateSoft)]
    [InlineData(210, RuleIds.RateSoft)]
    [InlineData(210.01, RuleIds.RateHard)]
    public void RatesInMillilitresPerHourAreJudgedThroughConcentrationAndWeight(double mlPerHour, string? expected)
    {
        // 70 kg at 1 mg/mL: 105 mL/h = 1.5 mg/kg/h, 210 mL/h = 3 mg/kg/h.
        var evaluation = new SessionBuilder().StartIv().RateMlPerHour(1, mlPerHour).Evaluate();

        evaluation.Findings.Where(f => f.RuleId is RuleIds.RateSoft or RuleIds.RateHard).Select(f => f.RuleId)
            .ShouldBe(expected is null ? [] : [expected]);
    }

    [Fact]
    public void ARateExactlyAtTheSoftMaximumIsNotAboveItInEitherUnit()
    {
        // 128.1 mL/h × 0.5 mg/mL ÷ 42.7 kg is 1.5000000000000002 in binary floating point: exactly the 1.5 mg/kg/h maximum.
        var byVolume = new SessionBuilder().StartIv(weightKg: 42.7, concentrationMgPerMl: 0.5).RateMlPerHour(1, 128.1).Evaluate();
        var byWeight = new SessionBuilder().StartIv(weightKg: 42.7, concentrationMgPerMl: 0.5).RateMgPerKgPerHour(1, 1.5).Evaluate();

        byVolume.Has(RuleIds.RateSoft).ShouldBeFalse();
        byWeight.Has(RuleIds.RateSoft).ShouldBeFalse();
    }

    [Fact]
    public void AHardRateIsFoundLiveByItsRateEvent()
    {
        var builder = new SessionBuilder().StartIv().RateMlPerHour(1, 300);
        var finding = builder.Evaluate().Single(RuleIds.RateHard);

        finding.Severity.ShouldBe(Severity.Critical);
        finding.TriggerEventId.ShouldBe(builder.Last.Event.EventId);
        finding.EpisodeKey.ShouldBe(builder.Last.Event.EventId);
        finding.DetectedAt.ShouldBe(builder.Last.ReceivedAt);
        finding.Evidence.ShouldBe("programmed 300 mL/h = 4.286 mg/kg/h (300 mg/h) is above the hard maximum 3 mg/kg/h");
    }

    [Theory]
    [InlineData(57.75, 10, false)]
    [InlineData(47.25, 10, false)]
    [InlineData(57.76, 2, false)]
    [InlineData(57.76, 2 + 1.0 / 60, true)]
    [InlineData(47.24, 2 + 1.0 / 60, true)]
    public void RateDeviationNeedsMoreThanTenPercentForMoreThanTwoMinutes(double mlPerHour, double forMin, bool fires)
    {
        // Expected: 35 mg over 40 min = 52.5 mg/h at 1 mg/mL.
        var evaluation = new SessionBuilder().StartIv().RateMlPerHour(0, mlPerHour).RateMlPerHour(forMin, 52.5).Evaluate();

        evaluation.Has(RuleIds.RateDeviation).ShouldBe(fires, evaluation.Describe());
    }

    [Fact]
    public void DeviatingRunningTimeIsCountedAcrossAPause()
    {
        var evaluation = new SessionBuilder().StartIv()
            .RateMlPerHour(0, 70).Pause(1).Resume(6).RateMlPerHour(7 + 1.0 / 60, 52.5)
            .Evaluate();

        var finding = evaluation.Single(RuleIds.RateDeviation);
        finding.EpisodeKey.ShouldBe("S-0001-0001");
        finding.TriggerEventId.ShouldBe("S-0001-0004");
    }

    [Fact]
    public void AConformingStretchEndsTheDeviationEpisode()
    {
        var evaluation = new SessionBuilder().StartIv()
            .RateMlPerHour(0, 70).RateMlPerHour(1.5, 52.5).RateMlPerHour(10, 70).RateMlPerHour(11.5, 52.5)
            .Evaluate();

        evaluation.Has(RuleIds.RateDeviation).ShouldBeFalse();
    }

    [Fact]
    public void RateDeviationIsShownByTheFirstEventBeyondTwoMinutes()
    {
        var evaluation = new SessionBuilder().StartIv().RateMlPerHour(0, 80).Vitals(1, hr: 70).Vitals(2, hr: 70).Vitals(2.5, hr: 70).Evaluate();

        evaluation.Single(RuleIds.RateDeviation).TriggerEventId.ShouldBe("S-0001-0004");
    }

    [Theory]
    [InlineData(35, null)]
    [InlineData(34.99, RuleIds.DurationSoft)]
    [InlineData(60, null)]
    [InlineData(60.01, RuleIds.DurationSoft)]
    [InlineData(20, RuleIds.DurationSoft)]
    [InlineData(19.99, RuleIds.DurationHard)]
    [InlineData(120, RuleIds.DurationSoft)]
    [InlineData(120.01, RuleIds.DurationHard)]
    public void PlannedDurationIsJudgedAtStart(double plannedMin, string? expected)
    {
        var evaluation = new SessionBuilder().StartIv(plannedMin: plannedMin).Evaluate();

        var found = evaluation.Findings.Where(f => f.RuleId.StartsWith("DURATION", StringComparison.Ordinal)).ToList();
        found.Select(f => f.RuleId).ShouldBe(expected is null ? [] : [expected]);
        found.ShouldAllBe(f => f.EpisodeKey == "planned");
    }

    [Theory]
    [InlineData(35, SessionEndReason.Completed, null)]
    [InlineData(34.99, SessionEndReason.Completed, RuleIds.DurationSoft)]
    [InlineData(19.99, SessionEndReason.Completed, RuleIds.DurationHard)]
    [InlineData(10, SessionEndReason.StoppedByPatient, null)]
    [InlineData(120.01, SessionEndReason.StoppedByPatient, RuleIds.DurationHard)]
    [InlineData(60.01, SessionEndReason.Completed, RuleIds.DurationSoft)]
    public void ActualRunningTimeIsJudgedAtTheEnd(double runningMin, SessionEndReason reason, string? expected)
    {
        var mlPerHour = 35 / (runningMin / 60);
        var evaluation = new SessionBuilder().StartIv()
            .RateMlPerHour(0, Math.Min(mlPerHour, 100)).RateMlPerHour(runningMin, 0).End(runningMin + 1, reason)
            .Evaluate();

        evaluation.Findings.Where(f => f.EpisodeKey == "actual").Select(f => f.RuleId).ShouldBe(expected is null ? [] : [expected]);
    }

    [Fact]
    public void PausesDoNotCountAsRunningTime()
    {
        // 40 min of wall time but 30 min of running time.
        var evaluation = new SessionBuilder().StartIv()
            .RateMlPerHour(0, 70).Pause(15).Resume(25).RateMlPerHour(40, 0).End(45)
            .Evaluate();

        evaluation.Single(RuleIds.DurationSoft).EpisodeKey.ShouldBe("actual");
    }

    [Theory]
    [InlineData(10, false)]
    [InlineData(10 + 1.0 / 60, true)]
    public void APauseLongerThanTenMinutesIsFlaggedAtTheResume(double pauseMin, bool fires)
    {
        var evaluation = new SessionBuilder().StartIv().RateMlPerHour(0, 52.5).Pause(5).Resume(5 + pauseMin).Evaluate();

        evaluation.Has(RuleIds.PauseLong).ShouldBe(fires);
        if (fires)
        {
            var finding = evaluation.Single(RuleIds.PauseLong);
            finding.EpisodeKey.ShouldBe("S-0001-0002");
            finding.TriggerEventId.ShouldBe("S-0001-0003");
        }
    }

    [Fact]
    public void AnOpenPauseIsShownLongByAnyLaterEvent()
    {
        var evaluation = new SessionBuilder().StartIv().RateMlPerHour(0, 52.5).Pause(5).Vitals(15, hr: 70).Vitals(15.5, hr: 70).Evaluate();

        evaluation.Single(RuleIds.PauseLong).TriggerEventId.ShouldBe("S-0001-0004");
    }

    [Theory]
    [InlineData(125, false)]
    [InlineData(124 + 59.0 / 60, true)]
    public void EsketamineNeedsTwoHoursOfObservationAfterTheLastDevice(double endMin, bool fires)
    {
        var evaluation = new SessionBuilder().StartIntranasal().Dose(0, 28).Dose(5, 28).End(endMin).Evaluate();

        evaluation.Has(RuleIds.ObservationShort).ShouldBe(fires, evaluation.Describe());
    }

    [Fact]
    public void AnIvSessionWithoutADischargeIsNotJudgedForObservation()
    {
        new SessionBuilder().StartIv().RateMlPerHour(0, 52.5).RateMlPerHour(40, 0).End(41).Evaluate()
            .Has(RuleIds.ObservationShort).ShouldBeFalse();
    }
}
