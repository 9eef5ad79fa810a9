using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Sessions;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Rules;

/// <summary>
/// Catalogue v2 course rules: <c>COURSE-FREQUENCY</c> (IN 2 per rolling 7 days in the first 28 days then 1, IV 3, SC 2) and
/// <c>DOSE-ESCALATION</c> (SC step 0.1 mg/kg, IV 0.25; IN 84 mg on a first session under 65).
/// </summary>
public sealed class CourseRuleTests
{
    private static PriorSession Iv(string id, double daysBefore, double mgPerKg = 0.5) =>
        new(id, SessionBuilder.T0.AddDays(-daysBefore), TestProtocols.IvId, 70, mgPerKg);

    private static PriorSession In(string id, double daysBefore) =>
        new(id, SessionBuilder.T0.AddDays(-daysBefore), TestProtocols.InId, 70, 56.0 / 70);

    [Theory]
    [InlineData(6.99, true)]
    [InlineData(7, false)]
    public void AFourthIvSessionWithinSevenDaysIsTooFrequent(double firstDaysBefore, bool fires)
    {
        var history = new PatientHistory([Iv("S-a", firstDaysBefore), Iv("S-b", 4), Iv("S-c", 2)]);

        var evaluation = SessionBuilder.StandardIv().Evaluate(history: history);

        evaluation.Has(RuleIds.CourseFrequency).ShouldBe(fires, evaluation.Describe());
        if (fires)
        {
            evaluation.Single(RuleIds.CourseFrequency).EvidenceValues["sessionsIn7Days"].ShouldBe(4);
        }
    }

    [Fact]
    public void ThreeIvSessionsInSevenDaysAreAllowedAndOtherProtocolsDoNotCount()
    {
        var history = new PatientHistory([Iv("S-b", 4), Iv("S-c", 2), In("S-in", 1)]);

        SessionBuilder.StandardIv().Evaluate(history: history).Has(RuleIds.CourseFrequency).ShouldBeFalse();
    }

    [Theory]
    [InlineData(27.9, false)] // induction: 2 per 7 days allowed
    [InlineData(31, true)] // after the induction: 1 (the previous session, 3 days before, is on day 28: after it too)
    public void EsketamineAllowsTwiceWeeklyInTheFirstFourWeeksThenWeekly(double courseStartDaysBefore, bool fires)
    {
        var history = new PatientHistory([In("S-first", courseStartDaysBefore), In("S-prev", 3)]);

        var evaluation = new SessionBuilder().StartIntranasal().Evaluate(history: history);

        evaluation.Has(RuleIds.CourseFrequency).ShouldBe(fires, evaluation.Describe());
    }

    [Theory]
    [InlineData(4, false)] // the label's schedule: days 21 and 24 of week 4 (induction), day 28 the first weekly session
    [InlineData(1, false)]
    public void InductionSessionsDoNotCountAgainstTheFirstWeeklySession(double previousDaysBefore, bool fires)
    {
        var history = new PatientHistory([In("S-first", 28), In("S-21", 7), In("S-prev", previousDaysBefore)]);

        var evaluation = new SessionBuilder().StartIntranasal().Evaluate(history: history);

        evaluation.Has(RuleIds.CourseFrequency).ShouldBe(fires, evaluation.Describe());
    }

    [Fact]
    public void TwoSessionsInAWeekAfterTheInductionAreTooMany()
    {
        // Course day 0, then days 28 and 31: both after the induction.
        var history = new PatientHistory([In("S-first", 31), In("S-28", 3)]);

        var evaluation = new SessionBuilder().StartIntranasal().Evaluate(history: history);

        evaluation.Single(RuleIds.CourseFrequency).EvidenceValues["sessionsIn7Days"].ShouldBe(2);
    }

    [Fact]
    public void ThreeEsketamineSessionsInAWeekOfTheInductionAreTooMany()
    {
        var history = new PatientHistory([In("S-1", 5), In("S-2", 2)]);

        new SessionBuilder().StartIntranasal().Evaluate(history: history).Single(RuleIds.CourseFrequency).Evidence.ShouldContain("induction");
    }

    [Fact]
    public void ALaterSessionIsNotCounted()
    {
        var history = new PatientHistory([Iv("S-b", 4), Iv("S-c", 2), new PriorSession("S-later", SessionBuilder.T0.AddDays(1), TestProtocols.IvId, 70, 0.5)]);

        SessionBuilder.StandardIv().Evaluate(history: history).Has(RuleIds.CourseFrequency).ShouldBeFalse();
    }

    [Theory]
    [InlineData(0.5, 0.75, false)] // +0.25: at the IV step
    [InlineData(0.5, 0.76, true)]
    [InlineData(0.75, 0.5, false)] // a lower dose is never an escalation
    public void AnIvPrescriptionMayRiseByAQuarterMgPerKgFromThePreviousSession(double previous, double now, bool fires)
    {
        var evaluation = new SessionBuilder().StartIv(mgPerKg: now).Evaluate(history: new PatientHistory([Iv("S-prev", 7, previous)]));

        evaluation.Has(RuleIds.DoseEscalation).ShouldBe(fires, evaluation.Describe());
        if (fires)
        {
            evaluation.Single(RuleIds.DoseEscalation).EpisodeKey.ShouldBe("S-prev");
        }
    }

    [Theory]
    [InlineData(0.2, false)]
    [InlineData(0.21, true)]
    public void AnScPrescriptionMayRiseByATenthMgPerKg(double now, bool fires)
    {
        var history = new PatientHistory([new PriorSession("S-prev", SessionBuilder.T0.AddDays(-4), TestProtocols.ScId, 70, 0.1)]);

        new SessionBuilder().StartSubcutaneous(mgPerKg: now).Evaluate(history: history).Has(RuleIds.DoseEscalation).ShouldBe(fires);
    }

    [Fact]
    public void ThePreviousSessionsPrescriptionUnknownIsSaidNotSkipped()
    {
        var history = new PatientHistory([new PriorSession("S-prev", SessionBuilder.T0.AddDays(-7), TestProtocols.IvId)]);

        SessionBuilder.StandardIv().Evaluate(history: history).State.RulesNotEvaluated.Select(r => r.RuleId).ShouldContain(RuleIds.DoseEscalation);
    }

    [Theory]
    [InlineData(56, 40, false)]
    [InlineData(84, 40, true)]
    [InlineData(84, null, true)]
    [InlineData(84, 65, false)] // elderly: DOSE-FIXED-NOT-ALLOWED's first-session rule speaks for it
    public void EsketamineDayOneIsFiftySixMilligramsBelowSixtyFive(double prescribedMg, int? age, bool fires)
    {
        var evaluation = new SessionBuilder().StartIntranasal(prescribedMg: prescribedMg, ageYears: age).Evaluate();

        evaluation.Of(RuleIds.DoseEscalation).Any(f => f.EpisodeKey == "first-session").ShouldBe(fires, evaluation.Describe());
    }

    [Fact]
    public void EightyFourMilligramsAfterAFirstSessionIsNoFirstSessionFinding()
    {
        new SessionBuilder().StartIntranasal(prescribedMg: 84).Evaluate(history: new PatientHistory([In("S-1", 3)]))
            .Has(RuleIds.DoseEscalation).ShouldBeFalse();
    }
}
