using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Sessions;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Rules;

/// <summary>
/// Catalogue v2 weight safety against the same patient's previous session (within 90 days): <c>WEIGHT-CHANGED</c> above
/// 10 %, <c>WEIGHT-UNITS-SUSPECT</c> for a ratio of 2.1–2.3 or 0.43–0.48 (pounds for kilograms, ISMP).
/// </summary>
public sealed class WeightHistoryRuleTests
{
    private static SessionEvaluation JudgeWeight(double weightKg, double previousKg, double daysBefore = 7) =>
        new SessionBuilder().StartIv(weightKg: weightKg).Vitals(1, hr: 72, sys: 128, dia: 80, spo2: 98, rr: 14)
            .Evaluate(history: new PatientHistory([new PriorSession("S-prev", SessionBuilder.T0.AddDays(-daysBefore), TestProtocols.IvId, previousKg)]));

    [Theory]
    [InlineData(76.9, false)]
    [InlineData(77.0, false)]
    [InlineData(77.1, true)]
    [InlineData(63.1, false)]
    [InlineData(63.0, false)]
    [InlineData(62.9, true)]
    public void AWeightMoreThanTenPercentFromThePreviousSessionIsAWarning(double weightKg, bool fires)
    {
        var evaluation = JudgeWeight(weightKg, previousKg: 70);

        evaluation.Has(RuleIds.WeightChanged).ShouldBe(fires, evaluation.Describe());
        evaluation.Has(RuleIds.WeightUnitsSuspect).ShouldBeFalse();
    }

    [Fact]
    public void TheFindingNamesThePreviousSessionAndItsWeightAndIsShownByTheStart()
    {
        var finding = JudgeWeight(80, previousKg: 70).Single(RuleIds.WeightChanged);

        finding.Severity.ShouldBe(Severity.Warning);
        finding.EpisodeKey.ShouldBe("S-prev");
        finding.TriggerEventId.ShouldBe("S-0001-0000");
        finding.EvidenceValues["weightKg"].ShouldBe(80);
        finding.EvidenceValues["previousWeightKg"].ShouldBe(70);
    }

    [Theory]
    [InlineData(146.9, false)] // ratio 2.0986
    [InlineData(147.0, true)] // 2.1
    [InlineData(154.0, true)] // 2.2: 70 kg written as 154 lb
    [InlineData(161.0, true)] // 2.3
    [InlineData(161.1, false)] // 2.3014
    [InlineData(30.09, false)] // 0.42986
    [InlineData(30.1, true)] // 0.43
    [InlineData(33.6, true)] // 0.48
    [InlineData(33.7, false)] // 0.4814
    public void ARatioOfAboutTwoPointTwoLooksLikePoundsForKilogramsAndIsCritical(double weightKg, bool fires)
    {
        var evaluation = JudgeWeight(weightKg, previousKg: 70);

        evaluation.Has(RuleIds.WeightUnitsSuspect).ShouldBe(fires, evaluation.Describe());
        if (fires)
        {
            evaluation.Single(RuleIds.WeightUnitsSuspect).Severity.ShouldBe(Severity.Critical);
            evaluation.Has(RuleIds.WeightChanged).ShouldBeFalse("the units finding says more than the change");
        }
        else
        {
            evaluation.Has(RuleIds.WeightChanged).ShouldBeTrue();
        }
    }

    [Theory]
    [InlineData(89.9, true)]
    [InlineData(90, true)]
    [InlineData(90.1, false)]
    public void OnlyAPreviousSessionWithinNinetyDaysCounts(double daysBefore, bool fires)
    {
        JudgeWeight(154, previousKg: 70, daysBefore).Has(RuleIds.WeightUnitsSuspect).ShouldBe(fires);
    }

    [Fact]
    public void ThePreviousSessionIsTheLatestEarlierOneNotAnyOlderOne()
    {
        // 7 days ago 80 kg (same as today), 14 days ago 70 kg: compared with the latest, no change.
        var evaluation = new SessionBuilder().StartIv(weightKg: 80).Evaluate(history: new PatientHistory(
        [
            new PriorSession("S-old", SessionBuilder.T0.AddDays(-14), TestProtocols.IvId, 70),
            new PriorSession("S-prev", SessionBuilder.T0.AddDays(-7), TestProtocols.IvId, 80),
            new PriorSession("S-later", SessionBuilder.T0.AddDays(7), TestProtocols.IvId, 40),
            new PriorSession("S-0001", SessionBuilder.T0, TestProtocols.IvId, 40),
        ]));

        evaluation.Has(RuleIds.WeightChanged).ShouldBeFalse(evaluation.Describe());
        evaluation.Has(RuleIds.WeightUnitsSuspect).ShouldBeFalse();
    }

    [Fact]
    public void APreviousSessionWhoseWeightIsUnknownIsSaidNotSkipped()
    {
        var evaluation = new SessionBuilder().StartIv(weightKg: 80).Evaluate(history: new PatientHistory(
            [new PriorSession("S-prev", SessionBuilder.T0.AddDays(-7), TestProtocols.IvId)]));

        evaluation.Has(RuleIds.WeightChanged).ShouldBeFalse();
        var notEvaluated = evaluation.State.RulesNotEvaluated.Select(r => r.RuleId).ToList();
        notEvaluated.ShouldContain(RuleIds.WeightChanged);
        notEvaluated.ShouldContain(RuleIds.WeightUnitsSuspect);
    }

    [Fact]
    public void AFirstSessionHasNothingToCompare()
    {
        var evaluation = SessionBuilder.StandardIv().Evaluate();

        evaluation.Has(RuleIds.WeightChanged).ShouldBeFalse();
        evaluation.State.RulesNotEvaluated.ShouldBeEmpty();
    }

    [Fact]
    public void TheThresholdsAreProtocolFileValues()
    {
        var library = TestProtocols.LibraryWithEdited(TestProtocols.IvId, node => node["weightKg"]!["changedAbovePercent"] = 20);

        new SessionBuilder().StartIv(weightKg: 80).Evaluate(library, new PatientHistory(
            [new PriorSession("S-prev", SessionBuilder.T0.AddDays(-7), TestProtocols.IvId, 70)])).Has(RuleIds.WeightChanged).ShouldBeFalse();
    }
}
