using System.Text.Json.Nodes;
using InfusionAudit.Domain.Contract;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Contract;

/// <summary>Input that is well-formed but cannot be stored or judged: rejected with a reason, never left to fail later.</summary>
public sealed class AbsurdInputTests
{
    [Theory]
    [InlineData("payload.weightKg", 1e-300)]
    [InlineData("payload.weightKg", 0.0009)]
    [InlineData("payload.prescribedDoseMgPerKg", 1e-300)]
    [InlineData("payload.concentrationMgPerMl", 1e-300)]
    public void ADivisorTooSmallForFiniteDerivedValuesIsBelowItsMinimum(string field, double value)
    {
        var rejection = TestEvents.SessionStartedIv().With(field, value).Rejected();

        rejection.Field.ShouldBe(field);
        rejection.Rule.ShouldBe(ContractRule.Minimum);
        rejection.Message.ShouldContain("at least");
    }

    [Fact]
    public void AFixedDoseTooSmallForAFiniteDeliveredPercentageIsBelowItsMinimum()
    {
        var rejection = TestEvents.SessionStartedIntranasal().With("payload.prescribedDoseMg", 1e-300).Rejected();

        rejection.Field.ShouldBe("payload.prescribedDoseMg");
        rejection.Rule.ShouldBe(ContractRule.Minimum);
    }

    [Fact]
    public void TheSmallestAcceptedValuesStillParse()
    {
        TestEvents.SessionStartedIv().With("payload.weightKg", 0.001).With("payload.concentrationMgPerMl", 1e-6).With("payload.prescribedDoseMgPerKg", 1e-6).Accepted();
    }

    [Fact]
    public void AnEventLargerThanAQueueMessageIsRejectedForItsSizeWithItsIdsKept()
    {
        var e = TestEvents.Of(EventType.VitalsRecorded);
        e["payload"]!["deviceLog"] = new string('x', EventParser.MaxEventBytes);

        var parsed = TestEvents.ParseSingle(e.Json());

        parsed.Rule().ShouldBe(ContractRule.EventSize);
        parsed.Rejection!.Field.ShouldBe("$");
        parsed.Rejection.EventId.ShouldBe("p17-000123");
        parsed.SessionId.ShouldBe("S-0001");
    }

    [Fact]
    public void AnEventJustWithinTheSizeLimitIsAccepted()
    {
        var e = TestEvents.Of(EventType.VitalsRecorded);
        e["payload"]!["deviceLog"] = "";
        var room = EventParser.MaxEventBytes - e.Json().Length;
        e["payload"]!["deviceLog"] = new string('x', room);

        TestEvents.ParseSingle(e.Json()).IsAccepted.ShouldBeTrue();
    }

    [Fact]
    public void AHugeDuplicatedPropertyNameIsNamedShortenedInTheRejection()
    {
        var name = new string('k', 30_000);
        var json = TestEvents.Of(EventType.VitalsRecorded).Json()[..^1] + $",\"{name}\":1,\"{name}\":2}}";

        var rejection = TestEvents.Rejected(json);

        rejection.Rule.ShouldBe(ContractRule.DuplicateProperty);
        rejection.Field.Length.ShouldBeLessThanOrEqualTo(100);
        rejection.Field.ShouldStartWith("kkkk");
        rejection.Message.Length.ShouldBeLessThanOrEqualTo(300);
    }
}
