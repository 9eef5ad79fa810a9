using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Rules;

/// <summary>
/// <c>DOSE-BOLUS</c> (catalogue v2; issue 10, item 2: a dose delivered too fast is found however the session ends). The
/// standard start is 70 kg × 0.5 mg/kg = 35 mg at 1 mg/mL: 210 mL/h gives it in 10 min.
/// </summary>
public sealed class BolusRuleTests
{
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
