using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Rules;

/// <summary><c>VITALS-SPO2-CRITICAL</c>, <c>VITALS-SPO2-LOW</c> (<c>OxygenSaturationRule</c>).</summary>
public sealed class OxygenSaturationRuleTests
{
    [Theory]
    [InlineData(2.0, true)]
    [InlineData(2 + (1.0 / 60), false)]
    public void TwoSaturationsBelowTheFloorWithinTwoMinutesAreCritical(double apartMin, bool fires)
    {
        var builder = new SessionBuilder().StartIv().Vitals(5, spo2: 45).Vitals(5 + apartMin, spo2: 40);

        var evaluation = builder.Evaluate();

        evaluation.Has(RuleIds.VitalsSpo2Critical).ShouldBe(fires, evaluation.Describe());
        evaluation.Has(RuleIds.VitalsSpo2Low).ShouldBe(fires);
        evaluation.Of(RuleIds.VitalsImplausible).Count.ShouldBe(2);
        if (fires)
        {
            var finding = evaluation.Single(RuleIds.VitalsSpo2Critical);
            finding.TriggerEventId.ShouldBe(builder.Last.Event.EventId);
            finding.Evidence.ShouldBe("SpO2 40 % (critical limit 90 %); below the physiological floor 50 % twice within 2 min: judged as real");
        }
    }

    [Theory]
    [InlineData(94, new string[0])]
    [InlineData(93.9, new[] { RuleIds.VitalsSpo2Low })]
    [InlineData(90, new[] { RuleIds.VitalsSpo2Low })]
    [InlineData(89.9, new[] { RuleIds.VitalsSpo2Critical, RuleIds.VitalsSpo2Low })]
    public void OxygenSaturationBelow94IsLowAndBelow90Critical(double spo2, string[] expected)
    {
        var evaluation = new SessionBuilder().StartIv().Vitals(5, spo2: spo2).Evaluate();

        evaluation.Findings.Select(f => f.RuleId).Order(StringComparer.Ordinal).ShouldBe(expected);
    }
}
