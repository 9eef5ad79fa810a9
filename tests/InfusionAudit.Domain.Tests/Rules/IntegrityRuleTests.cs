using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Sessions;
using InfusionAudit.Domain.Tests.Builders;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Rules;

public sealed class IntegrityRuleTests
{
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

    [Theory]
    [InlineData(0, false)]
    [InlineData(1.0 / 60, true)]
    public void AnEventDatedAfterTheEndIsFlagged(double afterMin, bool fires)
    {
        new SessionBuilder().StartIv().End(30).Vitals(30 + afterMin, hr: 70).Evaluate().Has(RuleIds.EventAfterEnd).ShouldBe(fires);
    }

    [Theory]
    [InlineData(300, false)]
    [InlineData(301, true)]
    public void AnEventDatedMoreThanFiveMinutesAheadOfItsReceiptIsClockSkew(int aheadSeconds, bool fires)
    {
        var builder = new SessionBuilder().StartIv().Vitals(10, hr: 70).ReceivedAt(SessionBuilder.At(10).AddSeconds(-aheadSeconds));

        builder.Evaluate().Has(RuleIds.ClockSkew).ShouldBe(fires);
    }

    [Fact]
    public void ClockSkewIsReportedOncePerDevice()
    {
        var builder = new SessionBuilder { ReceiveDelay = TimeSpan.FromMinutes(-6) }.StartIv().Vitals(10, hr: 70);
        builder.DeviceId = "monitor-2";
        builder.Vitals(11, hr: 70).Vitals(12, hr: 70);

        builder.Evaluate().Of(RuleIds.ClockSkew).Select(f => (f.EpisodeKey, f.TriggerEventId))
            .ShouldBe([("pump-17", "S-0001-0000"), ("monitor-2", "S-0001-0002")], ignoreOrder: true);
    }

    [Theory]
    [InlineData(30, false)]
    [InlineData(29.9, true)]
    [InlineData(250, false)]
    [InlineData(250.1, true)]
    public void WeightOutside30To250KilogramsIsImplausible(double weightKg, bool fires)
    {
        var evaluation = new SessionBuilder().StartIv(weightKg: weightKg).Evaluate();

        evaluation.Has(RuleIds.WeightImplausible).ShouldBe(fires);
        if (fires)
        {
            evaluation.Single(RuleIds.WeightImplausible).Severity.ShouldBe(Severity.Critical);
        }
    }

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
