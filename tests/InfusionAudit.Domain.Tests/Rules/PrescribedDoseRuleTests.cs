using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Rules;

/// <summary><c>DOSE-PRESCRIBED-HARD</c>, <c>DOSE-PRESCRIBED-SOFT</c> (<c>PrescribedDoseRule</c>).</summary>
public sealed class PrescribedDoseRuleTests
{
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
}
