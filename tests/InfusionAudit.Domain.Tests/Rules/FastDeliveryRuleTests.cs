using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Rules;

/// <summary>
/// Issue 10, item 2: a dose delivered too fast is found however the session ends (catalogue v2, <c>DURATION-*</c> and
/// <c>DOSE-BOLUS</c>). The standard start is 70 kg × 0.5 mg/kg = 35 mg at 1 mg/mL: 210 mL/h gives it in 10 min.
/// </summary>
public sealed class FastDeliveryRuleTests
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

    [Fact]
    public void ACompletedSessionThatDeliveredLittleIsUnderDeliveryNotTooShort()
    {
        var evaluation = new SessionBuilder().StartIv().RateMlPerHour(0, 52.5).RateMlPerHour(10, 0).End(11).Evaluate();

        evaluation.Has(RuleIds.DoseUnderDelivery).ShouldBeTrue();
        evaluation.Findings.Where(f => f.EpisodeKey == "actual").ShouldBeEmpty(evaluation.Describe());
    }

    [Fact]
    public void AFullDoseAsOneBolusIsCriticalTwice()
    {
        var builder = new SessionBuilder().StartIv().Dose(1, 35);
        var evaluation = builder.End(5, SessionEndReason.Other).Evaluate();

        var bolus = evaluation.Single(RuleIds.DoseBolus);
        bolus.Severity.ShouldBe(Severity.Critical);
        bolus.EpisodeKey.ShouldBe("S-0001-0001");
        bolus.Evidence.ShouldBe("discrete dose of 35 mg = 0.5 mg/kg on an IV infusion protocol (boluses so far 0.5 mg/kg, hard maximum 0.25 mg/kg)");
        evaluation.Single(RuleIds.DurationHard).TriggerEventId.ShouldBe("S-0001-0001");
    }

    [Theory]
    [InlineData(17.5, Severity.Warning)]
    [InlineData(17.51, Severity.Critical)]
    public void ABolusOnAnInfusionIsAWarningUpToTheBolusMaximum(double mg, Severity expected)
    {
        var evaluation = new SessionBuilder().StartIv().RateMlPerHour(0, 52.5).Dose(5, mg).Evaluate();

        evaluation.Single(RuleIds.DoseBolus).Severity.ShouldBe(expected);
    }

    [Fact]
    public void SplitBolusesAreCriticalOnceTheirSumPassesTheMaximum()
    {
        var evaluation = new SessionBuilder().StartIv().Dose(1, 14).Dose(3, 14).Evaluate();

        evaluation.Of(RuleIds.DoseBolus).Select(f => f.Severity).ShouldBe([Severity.Warning, Severity.Critical]);
    }

    [Fact]
    public void TheBolusMaximumIsAProtocolValue()
    {
        var library = TestProtocols.LibraryWithEdited(TestProtocols.IvId, p => p["bolusHardMaxMgPerKg"] = 0.1);

        new SessionBuilder().StartIv().Dose(1, 7.5).Evaluate(library).Single(RuleIds.DoseBolus).Severity.ShouldBe(Severity.Critical);
    }

    [Fact]
    public void WithoutTheFieldTheBolusMaximumIsTheClinicDefault()
    {
        var library = TestProtocols.LibraryWithEdited(TestProtocols.IvId, p => p.Remove("bolusHardMaxMgPerKg"));

        new SessionBuilder().StartIv().Dose(1, 17.5).Evaluate(library).Single(RuleIds.DoseBolus).Severity.ShouldBe(Severity.Warning);
        new SessionBuilder().StartIv().Dose(1, 17.6).Evaluate(library).Single(RuleIds.DoseBolus).Severity.ShouldBe(Severity.Critical);
    }

    [Fact]
    public void DiscreteDosesOfOtherRoutesAreNotBoluses()
    {
        new SessionBuilder().StartIntranasal().Dose(0, 28).Dose(5, 28).End(130).Evaluate().Has(RuleIds.DoseBolus).ShouldBeFalse();
        new SessionBuilder().StartSubcutaneous().Dose(0, 21).End(90).Evaluate().Has(RuleIds.DoseBolus).ShouldBeFalse();
    }
}
