using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Rules;

/// <summary>
/// Issue 11 item 8: a finding whose evidence spans a sequence gap says how many events it was judged without, and the
/// mark goes when the hole is filled (same rule id and episode key, so the stored finding is updated, not duplicated).
/// </summary>
public sealed class JudgedWithMissingEventsTests
{
    /// <summary>The stop (sequence 3) is still in a dead host's hands: the infusion integrates past it.</summary>
    private static SessionBuilder OverDeliveryAcrossAHole() =>
        new SessionBuilder().StartIv().Vitals(1, hr: 72).RateMlPerHour(2, 52.5).Lose(1).Vitals(50, hr: 75);

    [Fact]
    public void AnOverDeliveryJudgedPastAHoleSaysOneEventIsMissing()
    {
        var finding = OverDeliveryAcrossAHole().Evaluate().Single(RuleIds.DoseOverDelivery);

        finding.Severity.ShouldBe(Severity.Critical);
        finding.Evidence.ShouldEndWith("(judged with 1 event missing)");
        finding.EvidenceValues[Finding.EventsMissingKey].ShouldBe(1);
        finding.EventsMissing.ShouldBe(1);
    }

    [Fact]
    public void TheLateStopWithdrawsTheOverDelivery()
    {
        var builder = OverDeliveryAcrossAHole();
        builder.Evaluate().Has(RuleIds.DoseOverDelivery).ShouldBeTrue();

        builder.Add(30, EventType.InfusionPaused, new InfusionPausedPayload(null), sequenceNumber: 3);

        builder.Evaluate().Has(RuleIds.DoseOverDelivery).ShouldBeFalse();
    }

    [Fact]
    public void SeveralMissingEventsAreCountedInThePlural()
    {
        var finding = new SessionBuilder().StartIv().Lose(2).Vitals(5, hr: 150).Evaluate().Single(RuleIds.VitalsHrCritical);

        finding.Evidence.ShouldEndWith("(judged with 2 events missing)");
        finding.EventsMissing.ShouldBe(2);
    }

    [Fact]
    public void AFindingTriggeredBeforeTheHoleIsNotMarked()
    {
        var finding = new SessionBuilder().StartIv().Vitals(5, hr: 150).Lose(1).Vitals(7, hr: 70).Evaluate().Single(RuleIds.VitalsHrCritical);

        finding.EventsMissing.ShouldBe(0);
        finding.EvidenceValues.ContainsKey(Finding.EventsMissingKey).ShouldBeFalse();
        finding.Evidence.ShouldNotContain("missing");
    }

    [Fact]
    public void FillingTheHoleKeepsTheFindingsIdentityAndDropsTheMark()
    {
        var builder = new SessionBuilder().StartIv().Lose(1).Vitals(5, hr: 150);
        var before = builder.Evaluate().Single(RuleIds.VitalsHrCritical);
        before.EventsMissing.ShouldBe(1);

        builder.Add(3, EventType.VitalsRecorded, new VitalsRecordedPayload(80, null, null, null, null), sequenceNumber: 1);
        var after = builder.Evaluate().Single(RuleIds.VitalsHrCritical);

        (after.RuleId, after.EpisodeKey, after.TriggerEventId).ShouldBe((before.RuleId, before.EpisodeKey, before.TriggerEventId));
        after.EventsMissing.ShouldBe(0);
        after.Evidence.ShouldBe(before.Evidence.Replace(" (judged with 1 event missing)", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void ATimerFindingJudgedWhileHolesExistCountsThemAll()
    {
        var builder = new SessionBuilder().StartIv().RateMlPerHour(2, 52.5).Lose(1).Vitals(10, hr: 70).Lose(2).Vitals(20, hr: 70);

        var overdue = builder.Evaluate(asOf: SessionBuilder.At(200)).Single(RuleIds.SessionOverdue);

        overdue.EventsMissing.ShouldBe(3);
        overdue.Evidence.ShouldEndWith("(judged with 3 events missing)");
    }

    [Fact]
    public void TheSequenceGapFindingItselfIsNotMarked()
    {
        var gap = new SessionBuilder().StartIv().Lose(1).Vitals(5, hr: 70).End(40).Evaluate().Single(RuleIds.SeqGap);

        gap.EventsMissing.ShouldBe(0);
    }

    [Fact]
    public void WhenDevicesCountOnTheirOwnAnotherDevicesHoleCountsIfItOpenedBeforeTheTrigger()
    {
        // The pump counts 0, 1, (2 lost), 3; the monitor counts 0, 1, 2. The pump's hole opened after minute 2,
        // before the monitor's critical reading at minute 20: that reading is judged without it.
        var builder = new SessionBuilder().StartIv().RateMlPerHour(2, 52.5).Lose(1).Vitals(30, hr: 70);
        builder.DeviceId = "monitor-2";
        builder.Add(1, EventType.VitalsRecorded, new VitalsRecordedPayload(70, null, null, null, null), sequenceNumber: 0, eventId: "M-0")
            .Add(10, EventType.VitalsRecorded, new VitalsRecordedPayload(70, null, null, null, null), sequenceNumber: 1, eventId: "M-1")
            .Add(20, EventType.VitalsRecorded, new VitalsRecordedPayload(150, null, null, null, null), sequenceNumber: 2, eventId: "M-2");

        var evaluation = builder.Evaluate();
        var critical = evaluation.Single(RuleIds.VitalsHrCritical);
        critical.TriggerEventId.ShouldBe("M-2");
        critical.EventsMissing.ShouldBe(1);
    }

    [Fact]
    public void WhenDevicesCountOnTheirOwnAnotherDevicesHoleOpenedAfterTheTriggerDoesNotCount()
    {
        // The pump's hole lies between minute 30 and minute 35; the monitor's critical reading at minute 20 came before it.
        var builder = new SessionBuilder().StartIv().RateMlPerHour(2, 52.5).Vitals(30, hr: 70).Lose(1).Vitals(35, hr: 70);
        builder.DeviceId = "monitor-2";
        builder.Add(1, EventType.VitalsRecorded, new VitalsRecordedPayload(70, null, null, null, null), sequenceNumber: 0, eventId: "M-0")
            .Add(10, EventType.VitalsRecorded, new VitalsRecordedPayload(70, null, null, null, null), sequenceNumber: 1, eventId: "M-1")
            .Add(20, EventType.VitalsRecorded, new VitalsRecordedPayload(150, null, null, null, null), sequenceNumber: 2, eventId: "M-2");

        builder.Evaluate().Single(RuleIds.VitalsHrCritical).EventsMissing.ShouldBe(0);
    }
}
