using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Sessions;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Rules;

public sealed class DoseRuleTests
{
    [Fact]
    public void TheStandardSessionHasNoFindings()
    {
        var evaluation = SessionBuilder.StandardIv().Evaluate();

        evaluation.Findings.ShouldBeEmpty(evaluation.Describe());
    }

    [Theory]
    [InlineData(0.5, null)]
    [InlineData(0.4999, RuleIds.DosePrescribedSoft)]
    [InlineData(1.0, null)]
    [InlineData(1.0001, RuleIds.DosePrescribedSoft)]
    [InlineData(0.1, RuleIds.DosePrescribedSoft)]
    [InlineData(0.0999, RuleIds.DosePrescribedHard)]
    [InlineData(2.0, RuleIds.DosePrescribedSoft)]
    [InlineData(2.0001, RuleIds.DosePrescribedHard)]
    public void PrescribedMilligramsPerKilogramAreJudgedAgainstSoftThenHardRange(double mgPerKg, string? expected)
    {
        var evaluation = new SessionBuilder().StartIv(mgPerKg: mgPerKg).Evaluate();

        var found = evaluation.Findings.Where(f => f.RuleId.StartsWith("DOSE-PRESCRIBED", StringComparison.Ordinal)).Select(f => f.RuleId);
        found.ShouldBe(expected is null ? [] : [expected]);
    }

    [Fact]
    public void AHardPrescriptionFindingIsCriticalAndRecordsTheProtocolVersion()
    {
        var finding = new SessionBuilder().StartIv(mgPerKg: 2.5).Evaluate().Single(RuleIds.DosePrescribedHard);

        finding.Severity.ShouldBe(Severity.Critical);
        finding.ProtocolId.ShouldBe(TestProtocols.IvId);
        finding.ProtocolVersion.ShouldBe(1);
        finding.EpisodeKey.ShouldBe("");
        finding.TriggerEventId.ShouldBe("S-0001-0000");
        finding.EvidenceValues["prescribedMgPerKg"].ShouldBe(2.5);
    }

    [Theory]
    [InlineData(56, null)]
    [InlineData(84, null)]
    [InlineData(28, null)]
    [InlineData(42, RuleIds.DosePrescribedSoft)]
    [InlineData(84.1, RuleIds.DosePrescribedHard)]
    public void PrescribedFixedDosesMustBeAnAllowedValueAndAtMostTheHardMaximum(double mg, string? expected)
    {
        var evaluation = new SessionBuilder().StartIntranasal(prescribedMg: mg).Evaluate();

        var found = evaluation.Findings.Where(f => f.RuleId.StartsWith("DOSE-PRESCRIBED", StringComparison.Ordinal)).Select(f => f.RuleId);
        found.ShouldBe(expected is null ? [] : [expected]);
    }

    [Theory]
    [InlineData(0.1, false)]
    [InlineData(0.0999, true)]
    [InlineData(10, false)]
    [InlineData(10.001, true)]
    public void AConcentrationOutsideTheHardRangeIsAHardPrescriptionFinding(double mgPerMl, bool fires)
    {
        var evaluation = new SessionBuilder().StartIv(concentrationMgPerMl: mgPerMl).Evaluate();

        evaluation.Of(RuleIds.DosePrescribedHard).Any(f => f.EpisodeKey == "concentration").ShouldBe(fires);
    }

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

    [Theory]
    [InlineData(36.75, false)]
    [InlineData(36.76, true)]
    [InlineData(33.25, false)]
    [InlineData(33.24, true)]
    public void APumpTotalBeyondFivePercentOfTheComputedVolumeIsAMismatch(double reportedMl, bool fires)
    {
        // 52.5 mL/h for 40 min = 35 mL computed; 5 % = 1.75 mL > 1 mL.
        var evaluation = new SessionBuilder().StartIv().RateMlPerHour(0, 52.5).PumpTotal(40, reportedMl).Evaluate();

        evaluation.Has(RuleIds.DosePumpMismatch).ShouldBe(fires, evaluation.Describe());
    }

    [Theory]
    [InlineData(11, false)]
    [InlineData(11.01, true)]
    public void SmallVolumesAllowOneMillilitre(double reportedMl, bool fires)
    {
        var evaluation = new SessionBuilder().StartIv().RateMlPerHour(0, 60).PumpTotal(10, reportedMl).Evaluate();

        evaluation.Has(RuleIds.DosePumpMismatch).ShouldBe(fires, evaluation.Describe());
    }

    [Fact]
    public void ConsecutiveMismatchingPumpReportsAreOneEpisode()
    {
        var evaluation = new SessionBuilder().StartIv().RateMlPerHour(0, 60)
            .PumpTotal(10, 15).PumpTotal(20, 25).PumpTotal(30, 30).PumpTotal(40, 50)
            .Evaluate();

        evaluation.Of(RuleIds.DosePumpMismatch).Select(f => f.EpisodeKey).ShouldBe(["S-0001-0002", "S-0001-0005"]);
    }

    [Theory]
    [InlineData(5.0, false)]
    [InlineData(4.0 + 59.0 / 60, true)]
    public void IntranasalDevicesMustBeFiveMinutesApart(double gapMin, bool fires)
    {
        var evaluation = new SessionBuilder().StartIntranasal().Dose(0, 28).Dose(gapMin, 28).End(200).Evaluate();

        evaluation.Has(RuleIds.DoseDeviceSpacing).ShouldBe(fires, evaluation.Describe());
    }

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
}
