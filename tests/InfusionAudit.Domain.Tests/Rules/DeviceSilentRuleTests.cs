using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;
using static InfusionAudit.Domain.Tests.Builders.DeviceIds;
using static InfusionAudit.Domain.Tests.Builders.TimerSteps;

namespace InfusionAudit.Domain.Tests.Rules;

/// <summary><c>DEVICE-SILENT</c> (<c>DeviceSilentRule</c>).</summary>
public sealed class DeviceSilentRuleTests
{
    private static string Text(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void ASilentPumpIsFoundWhileTheMonitorReportsEveryMinute()
    {
        var builder = new SessionBuilder(deviceId: Tablet).StartIv();
        builder.DeviceId = Pump;
        builder.RateMlPerHour(1, 52.5);
        var rate = builder.Last;
        builder.DeviceId = DeviceIds.Monitor;
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
            builder.DeviceId = DeviceIds.Monitor;
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
        builder.DeviceId = DeviceIds.Monitor;
        for (var minute = 11; minute <= 40; minute++)
        {
            builder.Vitals(minute, hr: 72);
        }

        builder.Evaluate().Has(RuleIds.DeviceSilent).ShouldBeFalse();
    }

    [Fact]
    public void ARunningInfusionSilentForFifteenMinutesIsFlagged()
    {
        var builder = new SessionBuilder().StartIv().RateMlPerHour(0, 52.5).Vitals(5, hr: 70);
        var lastReceipt = builder.Last.ReceivedAt;

        builder.Evaluate(asOf: lastReceipt + TimeSpan.FromMinutes(15) - OneSecond).Has(RuleIds.DeviceSilent).ShouldBeFalse();
        var finding = builder.Evaluate(asOf: lastReceipt + TimeSpan.FromMinutes(15)).Single(RuleIds.DeviceSilent);

        finding.DetectedAt.ShouldBe(lastReceipt + TimeSpan.FromMinutes(15));
        finding.EpisodeKey.ShouldBe(builder.Last.Event.EventId);
        finding.TriggerEventId.ShouldBeNull();
    }

    [Fact]
    public void TheSilenceFindingSurvivesTheEventThatEndsTheSilence()
    {
        var builder = new SessionBuilder().StartIv().RateMlPerHour(0, 52.5).Vitals(5, hr: 70);
        var byTimer = builder.Evaluate(asOf: builder.Last.ReceivedAt + TimeSpan.FromMinutes(16)).Single(RuleIds.DeviceSilent);

        builder.Vitals(25, hr: 72);

        builder.Evaluate().Single(RuleIds.DeviceSilent).ShouldBe(byTimer);
    }

    [Fact]
    public void APausedOrEndedInfusionIsNotSilent()
    {
        var paused = new SessionBuilder().StartIv().RateMlPerHour(0, 52.5).Pause(5);
        paused.Evaluate(asOf: SessionBuilder.At(60)).Has(RuleIds.DeviceSilent).ShouldBeFalse();

        var ended = new SessionBuilder().StartIv().RateMlPerHour(0, 52.5).Vitals(10, hr: 70).Vitals(20, hr: 70).Vitals(30, hr: 70).End(40);
        ended.Evaluate(asOf: SessionBuilder.At(120)).Has(RuleIds.DeviceSilent).ShouldBeFalse();

        var stopped = new SessionBuilder().StartIv().RateMlPerHour(0, 52.5).Vitals(10, hr: 70).Vitals(20, hr: 70).Vitals(30, hr: 70).RateMlPerHour(40, 0);
        stopped.Evaluate(asOf: SessionBuilder.At(60)).Has(RuleIds.DeviceSilent).ShouldBeFalse();
    }

    [Theory]
    [InlineData(15, true)]
    [InlineData(15 - (1.0 / 60), false)]
    public void TheGapBetweenTwoReceiptsCountsWhenTheInfusionRan(double gapMin, bool fires)
    {
        var evaluation = new SessionBuilder().StartIv().RateMlPerHour(0, 52.5).Vitals(10, hr: 70).Vitals(10 + gapMin, hr: 70).End(30).Evaluate();

        evaluation.Of(RuleIds.DeviceSilent).Select(f => f.EpisodeKey).ShouldBe(fires ? ["S-0001-0002"] : []);
    }

    [Fact]
    public void AnEventDatedAtTheEndOfTimeDoesNotStopTheEvaluation()
    {
        var lastHalfHour = (new DateTimeOffset(9999, 12, 31, 23, 30, 0, TimeSpan.Zero) - SessionBuilder.T0).TotalMinutes;
        var builder = new SessionBuilder().StartIv(minute: lastHalfHour).RateMlPerHour(lastHalfHour, 52.5);

        var evaluation = builder.Evaluate(asOf: DateTimeOffset.MaxValue);

        evaluation.State.Status.ShouldBe(Domain.Sessions.SessionStatus.Running);
        evaluation.Single(RuleIds.DeviceSilent).DetectedAt.ShouldBe(builder.Last.ReceivedAt + TimeSpan.FromMinutes(15));
    }
}
