using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;
using static InfusionAudit.Domain.Tests.Builders.DeviceIds;

namespace InfusionAudit.Domain.Tests.Rules;

/// <summary><c>SEQ-GAP</c> (<c>SequenceGapRule</c>).</summary>
public sealed class SequenceGapRuleTests
{
    private static SessionStartedPayload StandardStart() => new(
        "hash-patient-1", TestProtocols.IvId, Route.IV, Units.BodyWeight.FromKilograms(70), Units.WeightBasedDose.FromMilligramsPerKilogram(0.5),
        null, TimeSpan.FromMinutes(40), Units.Concentration.FromMilligramsPerMillilitre(1), null);

    private static InfusionRateChangedPayload Rate(double mlPerHour) => new(Units.InfusionRate.FromMillilitresPerHour(mlPerHour));

    [Fact]
    public void ASequenceGapIsReportedOnlyOnceTheSessionEnded()
    {
        var running = new SessionBuilder().StartIv().Vitals(1, hr: 70).Lose(2).Vitals(2, hr: 70);
        running.Evaluate().Has(RuleIds.SeqGap).ShouldBeFalse();

        var ended = running.End(3).Evaluate().Single(RuleIds.SeqGap);
        ended.Evidence.ShouldBe("2 sequence number(s) missing between 0 and 5: 2–3");
        ended.TriggerEventId.ShouldBe("S-0001-0005");
    }

    [Fact]
    public void ALateEventThatFillsTheGapClearsTheFinding()
    {
        var builder = new SessionBuilder().StartIv().Vitals(1, hr: 70).Lose(1).Vitals(3, hr: 70).End(4);
        builder.Evaluate().Has(RuleIds.SeqGap).ShouldBeTrue();

        builder.Add(2, EventType.VitalsRecorded, new VitalsRecordedPayload(71, null, null, null, null), SessionBuilder.At(30), sequenceNumber: 2);

        builder.Evaluate().Has(RuleIds.SeqGap).ShouldBeFalse();
    }

    [Fact]
    public void EachDevicesOwnCounterIsCheckedForGaps()
    {
        // Every device counts from 0: the monitor's 0..6 would hide the pump's lost 2 in one session-wide range.
        var builder = new SessionBuilder(deviceId: Tablet);
        builder.Add(0, EventType.SessionStarted, StandardStart(), sequenceNumber: 0, eventId: "tab-0");
        builder.DeviceId = Pump;
        builder.Add(1, EventType.InfusionRateChanged, Rate(52.5), sequenceNumber: 0, eventId: "pump-0");
        builder.Add(10, EventType.PumpTotalReported, new PumpTotalReportedPayload(Units.Volume.FromMillilitres(7.875)), sequenceNumber: 1, eventId: "pump-1");
        builder.Add(41, EventType.InfusionRateChanged, Rate(0), sequenceNumber: 3, eventId: "pump-3");
        builder.DeviceId = DeviceIds.Monitor;
        for (var i = 0; i <= 6; i++)
        {
            builder.Add(5 + (i * 5), EventType.VitalsRecorded, new VitalsRecordedPayload(72, 120, 80, 98, 14), sequenceNumber: i, eventId: $"mon-{i}");
        }

        builder.DeviceId = Tablet;
        builder.Add(45, EventType.SessionEnded, new SessionEndedPayload(SessionEndReason.Completed), sequenceNumber: 1, eventId: "tab-1");

        var evaluation = builder.Evaluate();
        var finding = evaluation.Single(RuleIds.SeqGap);

        finding.EpisodeKey.ShouldBe(Pump);
        finding.Evidence.ShouldBe($"device {Pump}: 1 sequence number(s) missing between 0 and 3: 2");
        evaluation.State.MissingSequenceCount.ShouldBe(1);
        evaluation.State.MissingSequenceNumbers.ShouldBe([2L]);
        var gaps = evaluation.State.SequenceGaps.ShouldHaveSingleItem();
        (gaps.DeviceId, gaps.Lowest, gaps.Highest, gaps.MissingCount).ShouldBe((Pump, 0L, 3L, 1L));
    }

    [Fact]
    public void OneCounterSharedByTheDevicesIsCheckedAsOne()
    {
        // A gateway numbering the session's events 0..n across its devices: no device has all the numbers, none is lost.
        var builder = new SessionBuilder(deviceId: Tablet).StartIv();
        builder.DeviceId = DeviceIds.Monitor;
        builder.Vitals(0.5, sys: 120, dia: 80);
        builder.DeviceId = Pump;
        builder.RateMlPerHour(1, 52.5);
        builder.DeviceId = DeviceIds.Monitor;
        builder.Vitals(10, hr: 72).Vitals(20, hr: 72);
        builder.DeviceId = Pump;
        builder.RateMlPerHour(41, 0);
        builder.DeviceId = Tablet;
        builder.End(45);

        builder.Evaluate().Has(RuleIds.SeqGap).ShouldBeFalse();
        builder.Lose(1).End(46).Evaluate().Single(RuleIds.SeqGap).EpisodeKey.ShouldBe("");
    }
}
