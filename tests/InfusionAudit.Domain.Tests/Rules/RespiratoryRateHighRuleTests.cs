using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;
using static InfusionAudit.Domain.Tests.Builders.SedationSession;

namespace InfusionAudit.Domain.Tests.Rules;

/// <summary><c>VITALS-RR-HIGH</c> (<c>RespiratoryRateHighRule</c>).</summary>
public sealed class RespiratoryRateHighRuleTests
{
    [Theory]
    [InlineData(24, false)]
    [InlineData(25, true)]
    [InlineData(26, true)]
    public void ARespiratoryRateOfTwentyFiveIsFast(double rr, bool fires)
    {
        Started().Vitals(1, rr: rr).Evaluate().Has(RuleIds.VitalsRrHigh).ShouldBe(fires);
    }
}
