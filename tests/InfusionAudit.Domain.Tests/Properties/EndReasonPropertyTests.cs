using CsCheck;
using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Sessions;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Properties;

/// <summary>
/// Issue 10, item 2: the end reason is a word a nurse picks; no finding may hinge on it except those the catalogue ties to it,
/// and a full dose given too fast is critical however the session ends.
/// </summary>
public sealed class EndReasonPropertyTests
{
    private const int Iterations = 1_000;

    private static readonly SessionEndReason[] StopReasons =
        [SessionEndReason.StoppedByPatient, SessionEndReason.DeviceFault, SessionEndReason.Other];

    /// <summary>
    /// For any generated session, ended with each reason in turn:
    /// <list type="bullet">
    /// <item>the reasons that are neither <c>completed</c> nor <c>stoppedForAdverseEffect</c> give identical findings;</item>
    /// <item><c>completed</c> differs from them only by <c>DOSE-UNDER-DELIVERY</c> (the catalogue judges under-delivery on
    /// completed sessions) and by <c>DOSE-FIXED-NOT-ALLOWED</c> key <c>total</c> when nothing was given (a withheld dose is
    /// not a wrong dose);</item>
    /// <item><c>stoppedForAdverseEffect</c> differs from them only by <c>SESSION-STOPPED-AE</c>.</item>
    /// </list>
    /// "Identical" is equality of every field of every finding: rule, severity, key, evidence, values, trigger and time.
    /// </summary>
    [Fact]
    public void NoFindingDependsOnTheEndReasonTextAlone()
    {
        Gen.Select(SessionScenario.Gen.Where(s => s.WithStart), Gen.Int[0, 120]).Sample((scenario, extraMinutes) =>
        {
            var byReason = Enum.GetValues<SessionEndReason>().ToDictionary(
                reason => reason,
                reason =>
                {
                    var events = (scenario with { Ended = true, EndReason = reason }).Events();
                    return SessionEngine.Evaluate(events, TestProtocols.Library, PatientHistory.Empty, scenario.AsOf(events, extraMinutes)).Findings;
                });

            var other = byReason[SessionEndReason.Other];
            foreach (var reason in StopReasons)
            {
                byReason[reason].ShouldBe(other, $"{reason} vs other");
            }

            Without(byReason[SessionEndReason.Completed], RuleIds.DoseUnderDelivery, WithheldTotal)
                .ShouldBe(Without(other, null, WithheldTotal), "completed vs other");
            Without(byReason[SessionEndReason.StoppedForAdverseEffect], RuleIds.SessionStoppedAe, null)
                .ShouldBe(other, "stoppedForAdverseEffect vs other");
            byReason[SessionEndReason.StoppedForAdverseEffect].Count(f => f.RuleId == RuleIds.SessionStoppedAe).ShouldBe(1);
        }, iter: Iterations);
    }

    /// <summary>
    /// 0.5 mg/kg (the whole prescription) given in 10 minutes of running time, by rate in mL/h or mg/kg/h, by one or several
    /// boluses, or both; the running time split by up to three pauses; the infusion stopped by a rate of 0, a pause or the end;
    /// any end reason or none, sometimes a second end from another device; vitals from a monitor, events re-delivered and in
    /// any order. Always at least one critical finding about the dose's speed or amount.
    /// </summary>
    [Fact]
    public void AFullDoseInTenMinutesIsAlwaysCritical()
    {
        string[] doseCriticals = [RuleIds.DurationHard, RuleIds.DoseBolus, RuleIds.RateHard, RuleIds.DoseOverDelivery, RuleIds.DoseHardLimit];
        FastDose.Gen.Sample(fast =>
        {
            var events = fast.Events();
            var asOf = events.Max(e => e.ReceivedAt) + TimeSpan.FromMinutes(fast.ExtraMinutes);
            var evaluation = SessionEngine.Evaluate(events, TestProtocols.Library, PatientHistory.Empty, asOf);

            evaluation.Findings.Any(f => f.Severity == Severity.Critical && doseCriticals.Contains(f.RuleId))
                .ShouldBeTrue($"{fast}{Environment.NewLine}{evaluation.Describe()}");
        }, iter: Iterations);
    }

    private static bool WithheldTotal(Finding f) =>
        f.RuleId == RuleIds.DoseFixedNotAllowed && f.EpisodeKey == "total" && f.EvidenceValues.GetValueOrDefault("deliveredMg", -1) == 0;

    private static List<Finding> Without(IReadOnlyList<Finding> findings, string? ruleId, Func<Finding, bool>? also) =>
        [.. findings.Where(f => f.RuleId != ruleId && !(also?.Invoke(f) ?? false))];
}
