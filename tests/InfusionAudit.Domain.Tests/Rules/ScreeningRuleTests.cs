using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Rules;

/// <summary>Catalogue v2 <c>SCREENING-MISSING</c> and <c>SCREENING-CONTRAINDICATION</c> (esketamine: screening required, label contraindications).</summary>
public sealed class ScreeningRuleTests
{
    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, false)] // same instant, recorded first: precedes on the timeline
    [InlineData(0.5, true)]
    public void IntranasalDosingNeedsAScreeningBeforeTheFirstDevice(double screeningMin, bool fires)
    {
        var builder = new SessionBuilder().StartIntranasal();
        if (screeningMin <= 0)
        {
            builder.Screening(screeningMin).Dose(0, 28);
        }
        else
        {
            builder.Dose(0, 28).Screening(screeningMin);
        }

        var evaluation = builder.End(130).Evaluate();

        evaluation.Has(RuleIds.ScreeningMissing).ShouldBe(fires, evaluation.Describe());
        if (fires)
        {
            evaluation.Single(RuleIds.ScreeningMissing).TriggerEventId.ShouldBe("S-0001-0001");
        }
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void AScreeningWithoutConsentOrWithoutTheContraindicationCheckIsIncomplete(bool consent, bool checkedAll)
    {
        var evaluation = new SessionBuilder().StartIntranasal().Screening(-1, consent: consent, checkedAll: checkedAll).Dose(0, 28).Evaluate();

        evaluation.Single(RuleIds.ScreeningMissing).Evidence.ShouldContain("incomplete");
    }

    [Fact]
    public void WithoutADoseNothingIsJudgedAndProtocolsWithoutScreeningAreNotJudged()
    {
        new SessionBuilder().StartIntranasal().End(5).Evaluate().Has(RuleIds.ScreeningMissing).ShouldBeFalse();
        SessionBuilder.StandardIv().Evaluate().Has(RuleIds.ScreeningMissing).ShouldBeFalse();
        SessionBuilder.StandardIv().Evaluate().Has(RuleIds.ScreeningContraindication).ShouldBeFalse();
    }

    [Fact]
    public void AContraindicationOfTheProtocolWithDosingIsCriticalShownByTheLaterOfThePair()
    {
        var before = new SessionBuilder().StartIntranasal().Screening(-1, ["aneurysmalVascularDisease"]).Dose(0, 28).Evaluate();
        var after = new SessionBuilder().StartIntranasal().Dose(0, 28).Screening(1, ["intracerebralHaemorrhage"]).Evaluate();

        var finding = before.Single(RuleIds.ScreeningContraindication);
        finding.Severity.ShouldBe(Severity.Critical);
        finding.TriggerEventId.ShouldBe("S-0001-0002");
        after.Single(RuleIds.ScreeningContraindication).TriggerEventId.ShouldBe("S-0001-0002");
    }

    [Fact]
    public void AContraindicationTheProtocolDoesNotListOrNoDoseIsNoFinding()
    {
        new SessionBuilder().StartIntranasal().Screening(-1, ["pregnancy", "AneurysmalVascularDisease"]).Dose(0, 28).Evaluate()
            .Has(RuleIds.ScreeningContraindication).ShouldBeFalse("ids are matched exactly");
        new SessionBuilder().StartIntranasal().Screening(-1, ["aneurysmalVascularDisease"]).End(2).Evaluate()
            .Has(RuleIds.ScreeningContraindication).ShouldBeFalse("dosing did not go ahead");
    }
}
