using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Rules;

/// <summary>
/// <c>DURATION-SOFT</c> and <c>DURATION-HARD</c> (issue 10, item 2: a dose delivered too fast is found however the session
/// ends). The standard start is 70 kg × 0.5 mg/kg = 35 mg at 1 mg/mL: 210 mL/h gives it in 10 min.
/// </summary>
public sealed class DurationRuleTests
{
    [Theory]
    [InlineData(SessionEndReason.Completed)]
    [InlineData(SessionEndReason.Other)]
    [InlineData(SessionEndReason.StoppedByPatient)]
    [InlineData(SessionEndReason.DeviceFault)]
    [InlineData(SessionEndReason.StoppedForAdverseEffect)]
    public void AFullDoseInTenMinutesIsTooShortWhateverTheEndReason(SessionEndReason reason)
    {
        var builder = new SessionBuilder().StartIv().Vitals(0, sys: 120, dia: 80).RateMlPerHour(1, 210).RateMlPerHour(11, 0);
        var stop = builder.Last;
        var evaluation = builder.End(12, reason).Evaluate();

        var finding = evaluation.Single(RuleIds.DurationHard);
        finding.EpisodeKey.ShouldBe("actual");
        finding.Severity.ShouldBe(Severity.Critical);
        finding.TriggerEventId.ShouldBe(stop.Event.EventId);
        finding.Evidence.ShouldBe("running time 10 min with 100 % of the prescribed dose delivered is outside the hard window 20–120 min");
    }

    [Fact]
    public void AFullDoseInTenMinutesIsFoundWhenThePumpStopsBeforeAnyEnd()
    {
        var builder = new SessionBuilder().StartIv().RateMlPerHour(1, 210).RateMlPerHour(11, 0);

        var finding = builder.Evaluate().Single(RuleIds.DurationHard);

        finding.TriggerEventId.ShouldBe(builder.Last.Event.EventId);
        finding.DetectedAt.ShouldBe(builder.Last.ReceivedAt);
    }

    [Fact]
    public void AFullDoseInTenMinutesIsFoundAtThePauseThatFollowsIt()
    {
        var builder = new SessionBuilder().StartIv().RateMlPerHour(1, 210).Pause(11);

        builder.Evaluate().Single(RuleIds.DurationHard).TriggerEventId.ShouldBe(builder.Last.Event.EventId);
    }

    [Fact]
    public void PausesInsideTheTenRunningMinutesDoNotHideThem()
    {
        // 5 + 5 running minutes around a 30-minute pause: 40 min of wall time.
        var evaluation = new SessionBuilder().StartIv()
            .RateMlPerHour(1, 210).Pause(6).Resume(36).RateMlPerHour(41, 0).End(50, SessionEndReason.Other)
            .Evaluate();

        evaluation.Single(RuleIds.DurationHard).Evidence.ShouldStartWith("running time 10 min ");
    }

    [Fact]
    public void APauseNearTheEndOfACompliantInfusionIsNotJudgedShort()
    {
        // Planned 35 min at the expected rate: paused after 32 min with 91 % given, then completed.
        var evaluation = new SessionBuilder().StartIv(plannedMin: 35)
            .RateMlPerHour(0, 60).Pause(32).Resume(40).RateMlPerHour(43, 0).End(45)
            .Evaluate();

        evaluation.Findings.Where(f => f.RuleId.StartsWith("DURATION", StringComparison.Ordinal)).ShouldBeEmpty(evaluation.Describe());
    }

    [Theory]
    [InlineData(31.5, true)]
    [InlineData(31.4, false)]
    public void NinetyPercentOfThePrescriptionIsWhereRunningTimeIsJudged(double deliveredMg, bool fires)
    {
        // deliveredMg over 10 min, then stopped by the patient.
        var evaluation = new SessionBuilder().StartIv()
            .RateMlPerHour(0, deliveredMg * 6).RateMlPerHour(10, 0).End(11, SessionEndReason.StoppedByPatient)
            .Evaluate();

        evaluation.Has(RuleIds.DurationHard).ShouldBe(fires, evaluation.Describe());
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
}
