using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Rules;

/// <summary>Issue 10, item 7: sessions whose events come from a pump, a monitor and a tablet.</summary>
public sealed class MultiDeviceRuleTests
{
    private const string Pump = "pump-17";
    private const string Monitor = "mon-03";
    private const string Tablet = "tab-03";

    [Fact]
    public void ASilentPumpIsFoundWhileTheMonitorReportsEveryMinute()
    {
        var builder = new SessionBuilder(deviceId: Tablet).StartIv();
        builder.DeviceId = Pump;
        builder.RateMlPerHour(1, 52.5);
        var rate = builder.Last;
        builder.DeviceId = Monitor;
        for (var minute = 2; minute <= 30; minute++)
        {
            builder.Vitals(minute, hr: 72, sys: 120, dia: 80, spo2: 98);
        }

        var finding = builder.Evaluate().Single(RuleIds.DeviceSilent);

        finding.EpisodeKey.ShouldBe(rate.Event.EventId);
        finding.DetectedAt.ShouldBe(rate.ReceivedAt + TimeSpan.FromMinutes(15));
        finding.Evidence.ShouldBe($"running infusion: nothing received from {Pump} for 15 min after {Text(rate.ReceivedAt)}");
    }

    [Fact]
    public void ThePumpsOwnReportsKeepItHeard()
    {
        var builder = new SessionBuilder(deviceId: Tablet).StartIv();
        builder.DeviceId = Pump;
        builder.RateMlPerHour(1, 52.5);
        for (var minute = 2; minute <= 30; minute++)
        {
            builder.DeviceId = Monitor;
            builder.Vitals(minute, hr: 72);
            if (minute % 5 == 0)
            {
                builder.DeviceId = Pump;
                builder.PumpTotal(minute, (minute - 1) * 52.5 / 60);
            }
        }

        builder.Evaluate().Has(RuleIds.DeviceSilent).ShouldBeFalse();
    }

    [Fact]
    public void APumpStoppedFromTheTabletIsNotSilent()
    {
        var builder = new SessionBuilder(deviceId: Tablet).StartIv();
        builder.DeviceId = Pump;
        builder.RateMlPerHour(1, 52.5);
        builder.DeviceId = Tablet;
        builder.Pause(10);
        builder.DeviceId = Monitor;
        for (var minute = 11; minute <= 40; minute++)
        {
            builder.Vitals(minute, hr: 72);
        }

        builder.Evaluate().Has(RuleIds.DeviceSilent).ShouldBeFalse();
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
        builder.DeviceId = Monitor;
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
        builder.DeviceId = Monitor;
        builder.Vitals(0.5, sys: 120, dia: 80);
        builder.DeviceId = Pump;
        builder.RateMlPerHour(1, 52.5);
        builder.DeviceId = Monitor;
        builder.Vitals(10, hr: 72).Vitals(20, hr: 72);
        builder.DeviceId = Pump;
        builder.RateMlPerHour(41, 0);
        builder.DeviceId = Tablet;
        builder.End(45);

        builder.Evaluate().Has(RuleIds.SeqGap).ShouldBeFalse();
        builder.Lose(1).End(46).Evaluate().Single(RuleIds.SeqGap).EpisodeKey.ShouldBe("");
    }

    [Fact]
    public void TheEarliestEndGivesTheEndAndLaterEndsAreNotEventsAfterTheEnd()
    {
        var builder = new SessionBuilder(deviceId: Tablet).StartIv().Vitals(0, sys: 120, dia: 80).RateMlPerHour(1, 52.5).RateMlPerHour(41, 0);
        builder.End(45);
        var first = builder.Last;
        builder.DeviceId = Pump;
        builder.End(47, SessionEndReason.DeviceFault);

        var evaluation = builder.Evaluate();

        evaluation.State.EndedAt.ShouldBe(first.Event.OccurredAt);
        evaluation.State.EndReason.ShouldBe(SessionEndReason.Completed);
        evaluation.Has(RuleIds.EventAfterEnd).ShouldBeFalse(evaluation.Describe());
    }

    [Fact]
    public void AnyEndForAnAdverseEffectIsSessionStoppedForIt()
    {
        var builder = new SessionBuilder(deviceId: Pump).StartIv().Vitals(0, sys: 120, dia: 80).RateMlPerHour(1, 52.5).RateMlPerHour(20, 0);
        builder.End(21, SessionEndReason.DeviceFault);
        builder.DeviceId = Tablet;
        builder.End(22, SessionEndReason.StoppedForAdverseEffect);
        var aeEnd = builder.Last;

        var evaluation = builder.Evaluate();

        evaluation.Single(RuleIds.SessionStoppedAe).TriggerEventId.ShouldBe(aeEnd.Event.EventId);
        evaluation.Has(RuleIds.EventAfterEnd).ShouldBeFalse(evaluation.Describe());
    }

    [Fact]
    public void AnEventAfterTheEarliestEndIsStillAfterTheEnd()
    {
        var builder = new SessionBuilder().StartIv().End(30).End(32, SessionEndReason.Other).Vitals(33, hr: 70);

        builder.Evaluate().Of(RuleIds.EventAfterEnd).Select(f => f.EpisodeKey).ShouldBe([builder.Last.Event.EventId]);
    }

    private static SessionStartedPayload StandardStart() => new(
        "hash-patient-1", TestProtocols.IvId, Route.IV, Units.BodyWeight.FromKilograms(70), Units.WeightBasedDose.FromMilligramsPerKilogram(0.5),
        null, TimeSpan.FromMinutes(40), Units.Concentration.FromMilligramsPerMillilitre(1), null);

    private static InfusionRateChangedPayload Rate(double mlPerHour) => new(Units.InfusionRate.FromMillilitresPerHour(mlPerHour));

    private static string Text(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture);
}
