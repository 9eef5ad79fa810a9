using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;
using static InfusionAudit.Domain.Tests.Builders.DeviceIds;

namespace InfusionAudit.Domain.Tests.Rules;

/// <summary><c>AE-REPORTED</c>, <c>AE-SEVERE</c>, <c>SESSION-STOPPED-AE</c> (<c>AdverseEffectRule</c>).</summary>
public sealed class AdverseEffectRuleTests
{
    [Fact]
    public void AnyEndForAnAdverseEffectIsSessionStoppedForIt()
    {
        var builder = new SessionBuilder(deviceId: Pump).StartIv().Vitals(0, sys: 120, dia: 80).RateMlPerHour(1, 52.5).RateMlPerHour(20, 0);
        builder.End(21, SessionEndReason.DeviceFault);
        builder.DeviceId = Tablet;
        builder.End(22, SessionEndReason.StoppedForAdverseEffect);
        var aeEnd = builder.Last;

        var evaluation = builder.Evaluate();

        evaluation.Single(RuleIds.SessionStoppedAe).TriggerEventId.ShouldBe(aeEnd.Event.EventId);
        evaluation.Has(RuleIds.EventAfterEnd).ShouldBeFalse(evaluation.Describe());
    }

    [Theory]
    [InlineData(AdverseEffect.Nausea, AdverseEffectSeverity.Mild, RuleIds.AeReported, Severity.Info)]
    [InlineData(AdverseEffect.Dizziness, AdverseEffectSeverity.Moderate, RuleIds.AeReported, Severity.Warning)]
    [InlineData(AdverseEffect.Hallucinations, AdverseEffectSeverity.Severe, RuleIds.AeSevere, Severity.Critical)]
    [InlineData(AdverseEffect.Agitation, AdverseEffectSeverity.LifeThreatening, RuleIds.AeSevere, Severity.Critical)]
    [InlineData(AdverseEffect.RespiratoryDepression, AdverseEffectSeverity.Mild, RuleIds.AeSevere, Severity.Critical)]
    [InlineData(AdverseEffect.LossOfConsciousness, AdverseEffectSeverity.Moderate, RuleIds.AeSevere, Severity.Critical)]
    public void AdverseEffectsAreGradedBySeverityAndEffect(AdverseEffect effect, AdverseEffectSeverity severity, string ruleId, Severity expected)
    {
        var builder = new SessionBuilder().StartIv().AdverseEffect(5, effect, severity);

        var finding = builder.Evaluate().Findings.ShouldHaveSingleItem();

        finding.RuleId.ShouldBe(ruleId);
        finding.Severity.ShouldBe(expected);
        finding.TriggerEventId.ShouldBe(builder.Last.Event.EventId);
        finding.DetectedAt.ShouldBe(builder.Last.ReceivedAt);
    }

    [Fact]
    public void StoppingForAnAdverseEffectIsCritical()
    {
        var finding = new SessionBuilder().StartIv().End(5, SessionEndReason.StoppedForAdverseEffect).Evaluate().Single(RuleIds.SessionStoppedAe);

        finding.Severity.ShouldBe(Severity.Critical);
        finding.TriggerEventId.ShouldBe("S-0001-0001");
    }
}
