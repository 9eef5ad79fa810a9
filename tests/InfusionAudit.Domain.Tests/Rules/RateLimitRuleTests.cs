using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Rules;

/// <summary><c>RATE-HARD</c>, <c>RATE-SOFT</c> (<c>RateLimitRule</c>).</summary>
public sealed class RateLimitRuleTests
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
}
