using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Rules;

/// <summary><c>VITALS-RR-CRITICAL</c> (<c>RespiratoryRateRule</c>).</summary>
public sealed class RespiratoryRateRuleTests
{
    [Theory]
    [InlineData(8, false)]
    [InlineData(7.9, true)]
    public void RespiratoryRateBelowEightIsCritical(double rr, bool fires)
    {
        new SessionBuilder().StartIv().Vitals(5, rr: rr).Evaluate().Has(RuleIds.VitalsRrCritical).ShouldBe(fires);
    }
}
