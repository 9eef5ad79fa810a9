using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Rules;

/// <summary><c>DOSE-DEVICE-SPACING</c> (<c>DeviceSpacingRule</c>).</summary>
public sealed class DeviceSpacingRuleTests
{
    [Theory]
    [InlineData(5.0, false)]
    [InlineData(4.0 + 59.0 / 60, true)]
    public void IntranasalDevicesMustBeFiveMinutesApart(double gapMin, bool fires)
    {
        var evaluation = new SessionBuilder().StartIntranasal().Dose(0, 28).Dose(gapMin, 28).End(200).Evaluate();

        evaluation.Has(RuleIds.DoseDeviceSpacing).ShouldBe(fires, evaluation.Describe());
    }
}
