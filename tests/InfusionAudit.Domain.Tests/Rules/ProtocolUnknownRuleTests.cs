using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Protocols;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Rules;

/// <summary><c>PROTOCOL-UNKNOWN</c> (<c>ProtocolUnknownRule</c>).</summary>
public sealed class ProtocolUnknownRuleTests
{
    [Fact]
    public void AnUnknownProtocolIsCriticalAndStopsDoseAndRateChecks()
    {
        var evaluation = new SessionBuilder().StartIv(protocolId: "ketamine-iv-typo").RateMlPerHour(0, 400).Dose(1, 500).Vitals(2, spo2: 85).Evaluate();

        var finding = evaluation.Single(RuleIds.ProtocolUnknown);
        finding.Severity.ShouldBe(Severity.Critical);
        finding.ProtocolId.ShouldBe(InfusionAudit.Domain.Protocols.ProtocolIds.Unknown);
        finding.ProtocolVersion.ShouldBeNull();
        evaluation.Has(RuleIds.RateHard).ShouldBeFalse();
        evaluation.Has(RuleIds.DoseOverDelivery).ShouldBeFalse();
        evaluation.State.ProtocolVersion.ShouldBeNull();
    }

    [Fact]
    public void ARouteThatDiffersFromTheProtocolsIsProtocolUnknown()
    {
        var evaluation = new SessionBuilder().StartIv(route: Route.SC).RateMlPerHour(0, 400).Evaluate();

        var finding = evaluation.Single(RuleIds.ProtocolUnknown);
        finding.ProtocolVersion.ShouldBe(1);
        finding.Evidence.ShouldBe("protocol \"ketamine-iv-depression\" v1 is for route IV, the session is SC: no dose or rate check can run");
        evaluation.Has(RuleIds.RateHard).ShouldBeFalse();
    }

    [Fact]
    public void APinnedVersionThatDoesNotExistIsProtocolUnknown()
    {
        SessionBuilder.StandardIv().Evaluate(version: 9).Single(RuleIds.ProtocolUnknown).ProtocolVersion.ShouldBeNull();
    }

    // protocolId is producer free text that reaches critical alerts, their webhooks and pages. A producer that puts a
    // patient reference (or anything else) there must not have it echoed: only ids from the protocol library are.
    [Theory]
    [InlineData("MRN-778812")]
    [InlineData("Jane Doe, DOB 1970-01-01")]
    [InlineData("<script>alert(1)</script>")]
    public void AnUnknownProtocolIdIsNotEchoedInTheFindingThatAlerts(string claimed)
    {
        var evaluation = new SessionBuilder().StartIv(protocolId: claimed).Evaluate();

        var finding = evaluation.Single(RuleIds.ProtocolUnknown);
        finding.Severity.ShouldBe(Severity.Critical);
        finding.ProtocolId.ShouldBe(ProtocolIds.Unknown);
        finding.Evidence.ShouldNotContain(claimed);
        finding.Evidence.ShouldContain("not in the protocol library");
        evaluation.Findings.ShouldAllBe(f => !f.Evidence.Contains(claimed) && f.ProtocolId != claimed);
    }

    [Fact]
    public void ALibraryProtocolForAnotherRouteIsStillNamed()
    {
        var finding = new SessionBuilder().StartIv(protocolId: TestProtocols.InId).Evaluate().Single(RuleIds.ProtocolUnknown);

        finding.ProtocolId.ShouldBe(TestProtocols.InId);
        finding.Evidence.ShouldContain(TestProtocols.InId);
    }
}
