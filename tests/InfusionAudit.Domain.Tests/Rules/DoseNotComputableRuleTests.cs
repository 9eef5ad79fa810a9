using System.Text.Json;
using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Sessions;
using InfusionAudit.Domain.Tests.Builders;
using InfusionAudit.Domain.Units;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Rules;

/// <summary>Catalogue v2 <c>DOSE-NOT-COMPUTABLE</c>: what cannot be computed is a finding, and the response says which rules could not run.</summary>
public sealed class DoseNotComputableRuleTests
{
    private const string NotComputable = "DOSE-NOT-COMPUTABLE";

    private static SessionBuilder StartWithoutConcentration(SessionBuilder session) =>
        session.Add(0, EventType.SessionStarted, new SessionStartedPayload(
            "hash-patient-1", TestProtocols.IvId, Route.IV, BodyWeight.FromKilograms(70), WeightBasedDose.FromMilligramsPerKilogram(0.5), null,
            TimeSpan.FromMinutes(40), null, null));

    private static List<(string RuleId, string Reason)> NotEvaluated(SessionEvaluation evaluation)
    {
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(evaluation.State, JsonSerializerOptions.Web));
        if (!json.RootElement.TryGetProperty("rulesNotEvaluated", out var list))
        {
            throw new ShouldAssertException("The session state has no rulesNotEvaluated list.");
        }

        return [.. list.EnumerateArray().Select(item => (item.GetProperty("ruleId").GetString()!, item.GetProperty("reason").GetString()!))];
    }

    [Fact]
    public void ARateInMillilitresPerHourWithoutConcentrationIsCriticalWhileItRuns()
    {
        var session = StartWithoutConcentration(new SessionBuilder()).RateMlPerHour(2, 52.5);

        var finding = session.Evaluate().Single(NotComputable);

        finding.Severity.ShouldBe(Severity.Critical);
        finding.TriggerEventId.ShouldBe(session.Last.Event.EventId);
    }

    [Fact]
    public void ARateInMillilitresPerHourWithoutConcentrationIsAWarningOnceEnded()
    {
        var session = StartWithoutConcentration(new SessionBuilder()).RateMlPerHour(2, 52.5).RateMlPerHour(42, 0).End(60);

        session.Evaluate().Single(NotComputable).Severity.ShouldBe(Severity.Warning);
    }

    [Fact]
    public void ARateWithoutAStartIsCriticalWhileItRunsOnceTheStartIsOverdue()
    {
        var session = new SessionBuilder().Vitals(1, hr: 72).RateMlPerHour(2, 52.5);

        var finding = session.Evaluate(asOf: SessionBuilder.At(12)).Single(NotComputable);

        finding.Severity.ShouldBe(Severity.Critical);
        finding.EpisodeKey.ShouldBe("no-start");
        finding.DetectedAt.ShouldBe(SessionBuilder.At(11) + session.ReceiveDelay);
    }

    [Fact]
    public void ARateWhoseStartIsSecondsBehindIsNotAFindingButSaysTheDoseRulesCouldNotRun()
    {
        var evaluation = new SessionBuilder().Vitals(1, hr: 72).RateMlPerHour(2, 52.5).Evaluate();

        evaluation.Has(NotComputable).ShouldBeFalse(evaluation.Describe());
        NotEvaluated(evaluation).Select(n => n.RuleId).ShouldContain(RuleIds.DoseOverDelivery);
    }

    [Fact]
    public void AStartThatCameTooLateLeavesTheFindingAsAWarningOnceEnded()
    {
        var session = new SessionBuilder().Vitals(1, hr: 72).RateMlPerHour(2, 52.5);
        var late = SessionBuilder.At(20);
        session.StartIv(0).ReceivedAt(late);
        session.RateMlPerHour(42, 0).End(60);

        var finding = session.Evaluate().Single(NotComputable);

        finding.Severity.ShouldBe(Severity.Warning);
        finding.DetectedAt.ShouldBe(SessionBuilder.At(11) + session.ReceiveDelay);
    }

    [Fact]
    public void TheStandardSessionIsComputable()
    {
        var evaluation = SessionBuilder.StandardIv().Evaluate();

        evaluation.Has(NotComputable).ShouldBeFalse();
        NotEvaluated(evaluation).ShouldBeEmpty();
    }

    [Fact]
    public void EveryDoseRuleThatCouldNotRunSaysSoInTheState()
    {
        var evaluation = StartWithoutConcentration(new SessionBuilder()).RateMlPerHour(2, 52.5).RateMlPerHour(42, 0).End(60).Evaluate();

        var rules = NotEvaluated(evaluation).Select(n => n.RuleId).ToList();
        rules.ShouldContain(RuleIds.DoseOverDelivery);
        rules.ShouldContain(RuleIds.DoseHardLimit);
        rules.ShouldContain(RuleIds.DoseUnderDelivery);
        rules.ShouldContain(RuleIds.RateHard);
        NotEvaluated(evaluation).ShouldAllBe(n => n.Reason.Length > 0);
    }
}
