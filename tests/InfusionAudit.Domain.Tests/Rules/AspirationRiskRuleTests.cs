using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;
using static InfusionAudit.Domain.Tests.Builders.SedationSession;

namespace InfusionAudit.Domain.Tests.Rules;

/// <summary><c>AE-ASPIRATION-RISK</c> (<c>AspirationRiskRule</c>).</summary>
public sealed class AspirationRiskRuleTests
{
    [Theory]
    [InlineData(29.9, true)]
    [InlineData(30, true)]
    [InlineData(30.1, false)]
    public void VomitingWithinThirtyMinutesOfSedationIsAnAspirationRisk(double minutesApart, bool fires)
    {
        var evaluation = Started().AdverseEffect(1, AdverseEffect.Sedation, AdverseEffectSeverity.Mild)
            .AdverseEffect(1 + minutesApart, AdverseEffect.Vomiting, AdverseEffectSeverity.Mild).Evaluate();

        evaluation.Has(RuleIds.AeAspirationRisk).ShouldBe(fires, evaluation.Describe());
        if (fires)
        {
            var finding = evaluation.Single(RuleIds.AeAspirationRisk);
            finding.Severity.ShouldBe(Severity.Critical);
            finding.TriggerEventId.ShouldBe("S-0001-0002");
        }
    }

    [Fact]
    public void LossOfConsciousnessAfterVomitingIsShownByTheLaterEvent()
    {
        var evaluation = Started().AdverseEffect(1, AdverseEffect.Vomiting, AdverseEffectSeverity.Moderate)
            .AdverseEffect(20, AdverseEffect.LossOfConsciousness, AdverseEffectSeverity.Severe).Evaluate();

        var finding = evaluation.Single(RuleIds.AeAspirationRisk);
        finding.EpisodeKey.ShouldBe("S-0001-0001");
        finding.TriggerEventId.ShouldBe("S-0001-0002");
    }

    [Fact]
    public void VomitingAloneIsNotAnAspirationRisk()
    {
        Started().AdverseEffect(1, AdverseEffect.Vomiting, AdverseEffectSeverity.Moderate).AdverseEffect(2, AdverseEffect.Dissociation, AdverseEffectSeverity.Mild)
            .Evaluate().Has(RuleIds.AeAspirationRisk).ShouldBeFalse();
    }
}
