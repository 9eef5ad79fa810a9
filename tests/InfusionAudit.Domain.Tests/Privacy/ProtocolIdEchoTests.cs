using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Protocols;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Privacy;

/// <summary>
/// <c>protocolId</c> is producer free text that reaches critical alerts, their webhooks and pages. A producer that puts
/// a patient reference (or anything else) there must not have it echoed: only ids from the protocol library are.
/// </summary>
public sealed class ProtocolIdEchoTests
{
    [Theory]
    [InlineData("MRN-778812")]
    [InlineData("Jane Doe, DOB 1970-01-01")]
    [InlineData("<script>alert(1)</script>")]
    public void An_unknown_protocol_id_is_not_echoed_in_the_finding_that_alerts(string claimed)
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
    public void A_library_protocol_for_another_route_is_still_named()
    {
        var finding = new SessionBuilder().StartIv(protocolId: TestProtocols.InId).Evaluate().Single(RuleIds.ProtocolUnknown);

        finding.ProtocolId.ShouldBe(TestProtocols.InId);
        finding.Evidence.ShouldContain(TestProtocols.InId);
    }
}
