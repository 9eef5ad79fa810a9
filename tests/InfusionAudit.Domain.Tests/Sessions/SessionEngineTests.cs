using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Sessions;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Sessions;

/// <summary><c>SessionEngine.Evaluate</c> with every rule at once: what no single rule's file owns.</summary>
public sealed class SessionEngineTests
{
    [Fact]
    public void TheStandardSessionHasNoFindings()
    {
        var evaluation = SessionBuilder.StandardIv().Evaluate();

        evaluation.Findings.ShouldBeEmpty(evaluation.Describe());
    }
}
