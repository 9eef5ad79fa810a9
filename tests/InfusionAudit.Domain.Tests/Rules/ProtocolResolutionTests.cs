using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Rules;

public sealed class ProtocolResolutionTests
{
    [Fact]
    public void VitalsOfAnUnknownProtocolAreJudgedByTheFallbackProtocol()
    {
        var evaluation = new SessionBuilder().StartIv(protocolId: "ketamine-iv-typo").Vitals(2, spo2: 85).Evaluate();

        var finding = evaluation.Single(RuleIds.VitalsSpo2Critical);
        finding.ProtocolId.ShouldBe(TestProtocols.IvId);
        finding.ProtocolVersion.ShouldBe(1);
    }

    [Fact]
    public void APinnedVersionJudgesWithItsOwnNumbers()
    {
        var v2 = TestProtocols.Node(TestProtocols.IvId);
        v2["version"] = 2;
        v2["rateMgPerKgPerHour"]!["softMax"] = 0.7;
        var library = TestProtocols.LibraryWith(("protocols/ketamine-iv-depression.v2.json", v2));
        var builder = SessionBuilder.StandardIv();

        var latest = builder.Evaluate(library);
        var pinned = builder.Evaluate(library, version: 1);

        latest.Single(RuleIds.RateSoft).ProtocolVersion.ShouldBe(2);
        latest.State.ProtocolVersion.ShouldBe(2);
        pinned.Findings.ShouldBeEmpty();
        pinned.State.ProtocolVersion.ShouldBe(1);
    }

    [Fact]
    public void EveryCatalogueIdIsDistinctAndUpperKebabCase()
    {
        // Every constant is listed, once: counted from the class so that new rules of catalogue v2 need no edit here.
        var constants = typeof(RuleIds).GetFields().Count(f => f.IsLiteral);
        constants.ShouldBeGreaterThanOrEqualTo(38);
        RuleIds.All.Count.ShouldBe(constants);
        RuleIds.All.Distinct().Count().ShouldBe(constants);
        RuleIds.All.ShouldAllBe(id => System.Text.RegularExpressions.Regex.IsMatch(id, "^[A-Z0-9]+(-[A-Z0-9]+)*$"));
    }
}
