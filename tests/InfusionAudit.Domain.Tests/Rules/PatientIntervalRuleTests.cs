using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Sessions;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Rules;

/// <summary><c>PATIENT-INTERVAL</c> (<c>PatientIntervalRule</c>).</summary>
public sealed class PatientIntervalRuleTests
{
    [Theory]
    [InlineData(24 * 60, false)]
    [InlineData((24 * 60) - (1.0 / 60), true)]
    [InlineData(0, true)]
    [InlineData(-60, false)]
    public void AnotherSessionStartedLessThan24HoursBeforeIsFlagged(double minutesBefore, bool fires)
    {
        var history = new PatientHistory([new PriorSession("S-0000", SessionBuilder.At(-minutesBefore), TestProtocols.IvId)]);

        var evaluation = new SessionBuilder().StartIv().Evaluate(history: history);

        evaluation.Has(RuleIds.PatientInterval).ShouldBe(fires);
        if (fires)
        {
            evaluation.Single(RuleIds.PatientInterval).EpisodeKey.ShouldBe("S-0000");
        }
    }

    [Fact]
    public void TheSessionItselfInTheHistoryIsIgnored()
    {
        var history = new PatientHistory([new PriorSession("S-0001", SessionBuilder.T0, TestProtocols.IvId)]);

        new SessionBuilder().StartIv().Evaluate(history: history).Has(RuleIds.PatientInterval).ShouldBeFalse();
    }
}
