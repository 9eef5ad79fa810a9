using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Sessions;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Rules;

/// <summary><c>DOSE-FIXED-NOT-ALLOWED</c> (<c>FixedDoseRule</c>).</summary>
public sealed class FixedDoseRuleTests
{
    [Theory]
    [InlineData(2, false)]
    [InlineData(3, false)]
    [InlineData(1, false)]
    public void AllowedFixedTotalsPassAtTheEnd(int devices, bool fires)
    {
        var builder = new SessionBuilder().StartIntranasal(prescribedMg: devices * 28);
        for (var i = 0; i < devices; i++)
        {
            builder.Dose(i * 5, 28);
        }

        builder.End(200).Evaluate().Has(RuleIds.DoseFixedNotAllowed).ShouldBe(fires);
    }

    [Fact]
    public void AFixedTotalOutsideTheAllowedSetIsFoundAtTheEnd()
    {
        var evaluation = new SessionBuilder().StartIntranasal(prescribedMg: 56).Dose(0, 28).Dose(5, 14).End(200).Evaluate();

        var finding = evaluation.Single(RuleIds.DoseFixedNotAllowed);
        finding.EpisodeKey.ShouldBe("total");
        finding.TriggerEventId.ShouldBe("S-0001-0003");
    }

    [Theory]
    [InlineData(65, 56, true)]
    [InlineData(64, 56, false)]
    [InlineData(65, 28, false)]
    public void AnElderlyFirstSessionExpectsTwentyEightMilligrams(int age, double prescribedMg, bool fires)
    {
        var evaluation = new SessionBuilder().StartIntranasal(prescribedMg: prescribedMg, ageYears: age).Evaluate();

        evaluation.Of(RuleIds.DoseFixedNotAllowed).Any(f => f.EpisodeKey == "elderly-first-session").ShouldBe(fires);
    }

    [Fact]
    public void AnElderlyPatientWithAnEarlierSessionMayReceiveMore()
    {
        var history = new PatientHistory([new PriorSession("S-0000", SessionBuilder.T0.AddDays(-7), TestProtocols.InId)]);

        var evaluation = new SessionBuilder().StartIntranasal(prescribedMg: 56, ageYears: 70).Evaluate(history: history);

        evaluation.Has(RuleIds.DoseFixedNotAllowed).ShouldBeFalse();
    }

    [Fact]
    public void AnElderlyFirstSessionIsFlaggedLiveWhenTheSecondDeviceIsGiven()
    {
        var evaluation = new SessionBuilder().StartIntranasal(prescribedMg: 28, ageYears: 70).Dose(0, 28).Dose(5, 28).Evaluate();

        var finding = evaluation.Single(RuleIds.DoseFixedNotAllowed);
        finding.EpisodeKey.ShouldBe("elderly-first-session");
        finding.TriggerEventId.ShouldBe("S-0001-0002");
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
