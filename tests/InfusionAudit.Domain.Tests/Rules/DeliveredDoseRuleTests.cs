using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Sessions;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Rules;

/// <summary><c>DOSE-HARD-LIMIT</c>, <c>DOSE-OVER-DELIVERY</c>, <c>DOSE-UNDER-DELIVERY</c> (<c>DeliveredDoseRule</c>).</summary>
public sealed class DeliveredDoseRuleTests
{
    [Theory]
    [InlineData(38.5, false)]
    [InlineData(38.51, true)]
    public void OverDeliveryFiresAboveTenPercentOverPrescribed(double deliveredMg, bool fires)
    {
        var evaluation = new SessionBuilder().StartIv().Dose(1, 30).Dose(10, deliveredMg - 30).Evaluate();

        evaluation.Has(RuleIds.DoseOverDelivery).ShouldBe(fires, evaluation.Describe());
    }

    [Fact]
    public void OverDeliveryIsFoundByTheFirstEventAfterTheCrossingAndDatedAtItsReceipt()
    {
        // 105 mg/h against 35 mg prescribed: 38.5 mg (the +10 % limit) is reached at exactly 22 min of running.
        var before = new SessionBuilder().StartIv().RateMlPerHour(0, 105).Vitals(22, hr: 80);
        // Judged at the vitals' receipt: the projection to that instant (catalogue v2) reaches the limit but is not beyond it.
        before.Evaluate(asOf: before.Last.ReceivedAt).Has(RuleIds.DoseOverDelivery).ShouldBeFalse();

        var after = new SessionBuilder().StartIv().RateMlPerHour(0, 105).Vitals(22, hr: 80).Vitals(22.5, hr: 82).Vitals(30, hr: 84);
        var finding = after.Evaluate().Single(RuleIds.DoseOverDelivery);

        finding.Severity.ShouldBe(Severity.Critical);
        finding.TriggerEventId.ShouldBe("S-0001-0003");
        finding.DetectedAt.ShouldBe(SessionBuilder.At(22.5) + TimeSpan.FromSeconds(2));
        finding.EvidenceValues["deliveredMg"].ShouldBe(39.375, 1e-9);
        finding.EvidenceValues["prescribedMg"].ShouldBe(35, 1e-9);
        finding.Evidence.ShouldBe("delivered 39.4 mg = 0.56 mg/kg vs prescribed 35 mg (+12.5 %, limit +10 %)");
    }

    [Fact]
    public void AnEvaluationEndingAtTheShowingEventFindsTheSameOverDelivery()
    {
        var all = new SessionBuilder().StartIv().RateMlPerHour(0, 105).Vitals(22.5, hr: 82).Vitals(30, hr: 84).End(40);
        var upToShowing = all.Events.Take(3).ToList();

        var live = SessionEngine.Evaluate(upToShowing, TestProtocols.Library, PatientHistory.Empty, upToShowing[^1].ReceivedAt).Single(RuleIds.DoseOverDelivery);
        var later = all.Evaluate().Single(RuleIds.DoseOverDelivery);

        live.ShouldBe(later);
    }

    [Theory]
    [InlineData(140, false)]
    [InlineData(140.01, true)]
    public void DeliveredAboveTheHardMaximumPerKilogramIsAHardLimitFinding(double deliveredMg, bool fires)
    {
        var evaluation = new SessionBuilder().StartIv(mgPerKg: 1.9).Dose(1, 100).Dose(2, deliveredMg - 100).Evaluate();

        evaluation.Has(RuleIds.DoseHardLimit).ShouldBe(fires, evaluation.Describe());
    }

    [Theory]
    [InlineData(84, false)]
    [InlineData(112, true)]
    public void AFixedDoseTotalAboveTheHardMaximumIsAHardLimitFinding(int devicesMg, bool fires)
    {
        var builder = new SessionBuilder().StartIntranasal(prescribedMg: 84);
        for (var i = 0; i * 28 < devicesMg; i++)
        {
            builder.Dose(i * 5, 28);
        }

        var evaluation = builder.Evaluate();

        evaluation.Has(RuleIds.DoseHardLimit).ShouldBe(fires);
        if (fires)
        {
            evaluation.Single(RuleIds.DoseHardLimit).TriggerEventId.ShouldBe("S-0001-0004");
        }
    }

    [Theory]
    [InlineData(31.5, SessionEndReason.Completed, false)]
    [InlineData(31.49, SessionEndReason.Completed, true)]
    [InlineData(10, SessionEndReason.StoppedByPatient, false)]
    public void UnderDeliveryIsJudgedOnCompletedSessionsBelowNinetyPercent(double deliveredMg, SessionEndReason reason, bool fires)
    {
        var evaluation = new SessionBuilder().StartIv().Dose(1, deliveredMg).End(60, reason).Evaluate();

        evaluation.Has(RuleIds.DoseUnderDelivery).ShouldBe(fires, evaluation.Describe());
    }

    [Fact]
    public void ACompletedSessionThatDeliveredLittleIsUnderDeliveryNotTooShort()
    {
        var evaluation = new SessionBuilder().StartIv().RateMlPerHour(0, 52.5).RateMlPerHour(10, 0).End(11).Evaluate();

        evaluation.Has(RuleIds.DoseUnderDelivery).ShouldBeTrue();
        evaluation.Findings.Where(f => f.EpisodeKey == "actual").ShouldBeEmpty(evaluation.Describe());
    }
}
