using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Sessions;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Rules;

/// <summary>
/// <c>COURSE-CUMULATIVE</c> (catalogue v2): delivered mg/kg of a protocol in any rolling 7 days above
/// <c>course.maxMgPerKgPer7Days</c> (IV 2.0, SC 1.8, clinic defaults), judged once the session has ended.
/// </summary>
public sealed class CourseCumulativeRuleTests
{
    private static readonly double OwnIv = SessionBuilder.StandardIv().Evaluate().State.DeliveredDoseMgPerKg!.Value;

    private static PriorSession Iv(string id, double daysBefore, double? deliveredMgPerKg) =>
        new(id, SessionBuilder.T0.AddDays(-daysBefore), TestProtocols.IvId, 70, 0.5, deliveredMgPerKg);

    [Fact]
    public void TheStandardSessionDeliversAKnownDose() => OwnIv.ShouldBeInRange(0.1, 1.0);

    [Theory]
    [InlineData(-0.01, false)] // just below 2.0 mg/kg
    [InlineData(0, false)] // at the limit
    [InlineData(0.01, true)] // just above
    public void TwoMgPerKgOfIvKetamineInSevenDaysIsTheMost(double overLimit, bool fires)
    {
        // Two earlier sessions share what the limit leaves after this one.
        var rest = (2.0 - OwnIv + overLimit) / 2;
        var history = new PatientHistory([Iv("S-a", 5, rest), Iv("S-b", 2, rest)]);

        var evaluation = SessionBuilder.StandardIv().Evaluate(history: history);

        evaluation.Has(RuleIds.CourseCumulative).ShouldBe(fires, evaluation.Describe());
        if (fires)
        {
            var finding = evaluation.Single(RuleIds.CourseCumulative);
            finding.Severity.ShouldBe(Severity.Warning);
            finding.EvidenceValues["sessionsIn7Days"].ShouldBe(3);
            finding.EvidenceValues["deliveredMgPerKgIn7Days"].ShouldBe(2.0 + overLimit, 1e-9);
            finding.EvidenceValues["maxMgPerKgPer7Days"].ShouldBe(2.0);
        }
    }

    [Theory]
    [InlineData(6.99, true)]
    [InlineData(7, false)] // exactly 7 days earlier is outside the rolling window
    public void OnlySessionsStartedWithinSevenDaysCount(double daysBefore, bool fires)
    {
        var evaluation = SessionBuilder.StandardIv().Evaluate(history: new PatientHistory([Iv("S-a", daysBefore, 2.0)]));

        evaluation.Has(RuleIds.CourseCumulative).ShouldBe(fires, evaluation.Describe());
    }

    [Fact]
    public void OtherProtocolsAndLaterSessionsDoNotCount()
    {
        var history = new PatientHistory([
            new PriorSession("S-sc", SessionBuilder.T0.AddDays(-1), TestProtocols.ScId, 70, 0.5, 2.0),
            new PriorSession("S-later", SessionBuilder.T0.AddDays(1), TestProtocols.IvId, 70, 0.5, 2.0),
        ]);

        var evaluation = SessionBuilder.StandardIv().Evaluate(history: history);

        evaluation.Has(RuleIds.CourseCumulative).ShouldBeFalse(evaluation.Describe());
        evaluation.State.RulesNotEvaluated.ShouldNotContain(r => r.RuleId == RuleIds.CourseCumulative);
    }

    [Fact]
    public void ARunningSessionIsNotJudgedYet()
    {
        var running = new SessionBuilder().StartIv().RateMlPerHour(2, 52.5);

        var evaluation = running.Evaluate(history: new PatientHistory([Iv("S-a", 1, 2.5)]));

        evaluation.Has(RuleIds.CourseCumulative).ShouldBeFalse();
        evaluation.State.RulesNotEvaluated.ShouldNotContain(r => r.RuleId == RuleIds.CourseCumulative);
    }

    [Fact]
    public void AnEarlierSessionWhoseDoseIsNotKnownIsSaidNotSkipped()
    {
        var evaluation = SessionBuilder.StandardIv().Evaluate(history: new PatientHistory([Iv("S-open", 1, null)]));

        evaluation.Has(RuleIds.CourseCumulative).ShouldBeFalse();
        var said = evaluation.State.RulesNotEvaluated.Single(r => r.RuleId == RuleIds.CourseCumulative);
        said.Reason.ShouldContain("S-open");
    }

    [Fact]
    public void KnownDosesAlreadyAboveTheLimitFireDespiteAnUnknownOne()
    {
        var evaluation = SessionBuilder.StandardIv().Evaluate(history: new PatientHistory([Iv("S-open", 1, null), Iv("S-a", 2, 1.9)]));

        evaluation.Single(RuleIds.CourseCumulative).Evidence.ShouldContain("1 more session(s) of the window with a dose not known yet");
    }

    [Theory]
    [InlineData(1.8 - 0.01, false)]
    [InlineData(1.8 + 0.01, true)]
    public void SubcutaneousAllowsOnePointEightMgPerKg(double total, bool fires)
    {
        var own = new SessionBuilder().StartSubcutaneous(mgPerKg: 0.5).Dose(2, 35).End(60);
        var ownMgPerKg = own.Evaluate().State.DeliveredDoseMgPerKg!.Value;
        var history = new PatientHistory([new PriorSession("S-a", SessionBuilder.T0.AddDays(-3), TestProtocols.ScId, 70, 0.5, total - ownMgPerKg)]);

        own.Evaluate(history: history).Has(RuleIds.CourseCumulative).ShouldBe(fires);
    }

    [Fact]
    public void TheDependencyOnADeliveredDoseLooksForwardWithinTheWindowOnTheSameProtocol()
    {
        var earlier = Iv("S-a", 3, 0.5);

        PatientHistory.DependsOnDeliveredDose(Iv("S-b", 0, null), earlier).ShouldBeTrue();
        PatientHistory.DependsOnDeliveredDose(Iv("S-c", 3 - 7, null), earlier).ShouldBeFalse(); // 7 days after
        PatientHistory.DependsOnDeliveredDose(Iv("S-d", 4, null), earlier).ShouldBeFalse(); // before it
        PatientHistory.DependsOnDeliveredDose(new PriorSession("S-e", SessionBuilder.T0, TestProtocols.ScId), earlier).ShouldBeFalse();
    }
}
