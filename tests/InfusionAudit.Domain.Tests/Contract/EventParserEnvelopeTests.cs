using System.Text.Json.Nodes;
using InfusionAudit.Domain.Contract;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Contract;

/// <summary>Envelope fields: values, order of checks, ids on rejections, duplicates and odd encodings.</summary>
public sealed class EventParserEnvelopeTests
{
    [Fact]
    public void EnvelopeFieldsAreReadIntoTheEvent()
    {
        var e = TestEvents.SessionStartedIv().With("sequence", 41).Accepted();

        e.ShouldBe(e with
        {
            SchemaVersion = 1,
            EventId = "p17-000123",
            Type = EventType.SessionStarted,
            SessionId = "S-0001",
            ClinicId = "abq-01",
            DeviceId = "pump-17",
            Sequence = 41,
            OccurredAt = new DateTimeOffset(2026, 11, 26, 15, 0, 0, TimeSpan.Zero),
        });
    }

    [Theory]
    [MemberData(nameof(AllEventTypes))]
    public void EveryEventTypeOfTheContractIsAccepted(EventType type)
    {
        var e = TestEvents.Of(type).Accepted();

        e.Type.ShouldBe(type);
        e.Payload.GetType().Name.ShouldBe(type + "Payload");
    }

    public static TheoryData<EventType> AllEventTypes => new(Enum.GetValues<EventType>());

    [Fact]
    public void OccurredAtKeepsTheOffsetTheDeviceSent()
    {
        var e = TestEvents.SessionStartedIv().With("occurredAt", "2026-11-26T20:30:00+05:30").Accepted();

        e.OccurredAt.Offset.ShouldBe(TimeSpan.FromMinutes(330));
        e.OccurredAt.UtcDateTime.ShouldBe(new DateTime(2026, 11, 26, 15, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void OccurredAtWithANegativeOffsetKeepsIt()
    {
        var e = TestEvents.SessionStartedIv().With("occurredAt", "2026-11-26T09:00:00-06:00").Accepted();

        e.OccurredAt.Offset.ShouldBe(TimeSpan.FromHours(-6));
        e.OccurredAt.UtcDateTime.Hour.ShouldBe(15);
    }

    [Fact]
    public void OccurredAtFractionDigitsPastOneHundredNanosecondsAreTruncated()
    {
        var e = TestEvents.SessionStartedIv().With("occurredAt", "2026-11-26T15:00:00.123456789Z").Accepted();

        (e.OccurredAt.Ticks % TimeSpan.TicksPerSecond).ShouldBe(1_234_567);
    }

    [Theory]
    [InlineData("2026-11-26T15:00:00.5Z", 5_000_000)]
    [InlineData("2026-11-26T15:00:00.000001Z", 10)]
    [InlineData("2026-11-26T15:00:00Z", 0)]
    public void OccurredAtFractionsShorterThanSevenDigitsAreScaled(string occurredAt, long ticks)
    {
        var e = TestEvents.SessionStartedIv().With("occurredAt", occurredAt).Accepted();

        (e.OccurredAt.Ticks % TimeSpan.TicksPerSecond).ShouldBe(ticks);
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("0001-01-01T00:00:00-01:00")]
    [InlineData("9999-12-31T23:59:59.9999999Z")]
    [InlineData("9999-12-31T23:59:59+01:00")]
    [InlineData("2400-02-29T00:00:00Z")]
    public void OccurredAtAtTheEdgesOfTheRepresentableRangeIsAccepted(string occurredAt)
    {
        TestEvents.SessionStartedIv().With("occurredAt", occurredAt).Accepted();
    }

    [Theory]
    [InlineData("9999-12-31T23:59:59-00:01")]
    [InlineData("0001-01-01T23:00:00+00:01")]
    [InlineData("2026-11-26T15:00:00+14:01")]
    [InlineData("2026-11-26T15:00:00-24:00")]
    [InlineData("2026-11-26T15:00:00+01:60")]
    [InlineData("2026-13-01T15:00:00Z")]
    [InlineData("2026-00-01T15:00:00Z")]
    [InlineData("2026-11-00T15:00:00Z")]
    [InlineData("2026-11-26T15:60:00Z")]
    [InlineData("2026-11-26T15:00Z")]
    [InlineData("2026-11-26T15:00:00ZZ")]
    [InlineData("2026-11-26T15:00:00+01")]
    [InlineData("+2026-11-26T15:00:00Z")]
    [InlineData("2100-02-29T00:00:00Z")]
    [InlineData("2026-11-26T15:00:00,5Z")]
    [InlineData("")]
    public void OccurredAtOutsideRfc3339WithOffsetIsRejectedAsFormat(string occurredAt)
    {
        var json = TestEvents.SessionStartedIv().With("occurredAt", occurredAt).Json();

        var rejection = TestEvents.Rejected(json);

        rejection.Field.ShouldBe("occurredAt");
        rejection.Rule.ShouldBe(ContractRule.Format);
        ContractCorpus.SchemaAccepts(json).ShouldBeFalse();
    }

    [Theory]
    [InlineData("1")]
    [InlineData("1.0")]
    [InlineData("1e0")]
    [InlineData("0.1e1")]
    public void SchemaVersionOneIsAcceptedHoweverTheNumberIsWritten(string literal)
    {
        TestEvents.SessionStartedIv().WithRaw("schemaVersion", literal).Accepted().SchemaVersion.ShouldBe(1);
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("-1")]
    [InlineData("100000000000000000000")]
    public void SchemaVersionsOtherThanOneAreRejectedAsConst(string literal)
    {
        var rejection = TestEvents.SessionStartedIv().WithRaw("schemaVersion", literal).Rejected();

        rejection.ShouldBe(new EventRejection("p17-000123", "schemaVersion", ContractRule.Const, rejection.Message));
    }

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("-0", 0L)]
    [InlineData("7.0", 7L)]
    [InlineData("1e2", 100L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    [InlineData("9223372036854775807.0", long.MaxValue)]
    public void SequenceAcceptsEverySpellingOfANonNegative64BitInteger(string literal, long expected)
    {
        TestEvents.SessionStartedIv().WithRaw("sequence", literal).Accepted().Sequence.ShouldBe(expected);
    }

    [Theory]
    [InlineData("9223372036854775808", "maximum")]
    [InlineData("1e19", "maximum")]
    [InlineData("1e400", "maximum")]
    [InlineData("-1e400", "minimum")]
    [InlineData("-9223372036854775809", "minimum")]
    [InlineData("0.5", "type")]
    [InlineData("1.5e-30", "type")]
    [InlineData("true", "type")]
    public void SequenceOutsideThe64BitRangeOrNotAnIntegerIsRejected(string literal, string rule)
    {
        var rejection = TestEvents.SessionStartedIv().WithRaw("sequence", literal).Rejected();

        rejection.Field.ShouldBe("sequence");
        rejection.Rule.ShouldBe(rule);
    }

    [Fact]
    public void TheFirstBrokenRuleIsReportedInContractOrder()
    {
        var e = TestEvents.SessionStartedIv()
            .With("payload.weightKg", 0)
            .With("occurredAt", "yesterday")
            .With("sequence", -1)
            .With("deviceId", "")
            .With("clinicId", "a b")
            .With("sessionId", "a b")
            .With("type", "Nope")
            .With("eventId", "a b")
            .With("schemaVersion", 2);
        string[] expectedFields = ["schemaVersion", "eventId", "type", "sessionId", "clinicId", "deviceId", "sequence", "occurredAt", "payload.weightKg"];

        foreach (var field in expectedFields)
        {
            var rejection = e.Rejected();
            rejection.Field.ShouldBe(field);
            e = Repair(e, field);
        }

        e.Accepted();
    }

    [Fact]
    public void EnvelopeFieldsMayComeInAnyOrder()
    {
        var e = TestEvents.SessionStartedIv();
        var reversed = new JsonObject(e.Reverse().Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())).ToList());

        reversed.Accepted().ShouldBe(e.Accepted());
    }

    [Fact]
    public void ARejectionCarriesTheEventIdAndTheClinicAndSessionWhenTheyAreWellFormed()
    {
        var parsed = TestEvents.ParseSingle(TestEvents.SessionStartedIv().With("type", "Unknown").Json());

        parsed.Rejection!.EventId.ShouldBe("p17-000123");
        parsed.ClinicId.ShouldBe("abq-01");
        parsed.SessionId.ShouldBe("S-0001");
    }

    [Fact]
    public void ClinicAndSessionAreFilledEvenWhenTheEventIdIsBroken()
    {
        var parsed = TestEvents.ParseSingle(TestEvents.SessionStartedIv().With("eventId", 17).With("schemaVersion", "one").Json());

        parsed.Rejection!.Field.ShouldBe("schemaVersion");
        parsed.Rejection.EventId.ShouldBeNull();
        parsed.ClinicId.ShouldBe("abq-01");
        parsed.SessionId.ShouldBe("S-0001");
    }

    [Fact]
    public void MalformedClinicAndSessionIdsAreNotReportedAsTheRejectionsOwners()
    {
        var parsed = TestEvents.ParseSingle(TestEvents.SessionStartedIv().With("clinicId", "abq 01").Without("sessionId").Json());

        parsed.ClinicId.ShouldBeNull();
        parsed.SessionId.ShouldBeNull();
        parsed.Rejection!.EventId.ShouldBe("p17-000123");
    }

    [Fact]
    public void UnknownEnvelopeFieldsAreIgnored()
    {
        TestEvents.SessionStartedIv().With("gatewayId", "gw-1").With("schemaVersion2", "x").Accepted();
    }

    [Fact]
    public void PropertyNamesWrittenWithJsonEscapesAreRecognised()
    {
        var json = TestEvents.SessionStartedIv().Json().Replace("\"eventId\"", "\"event\\u0049d\"", StringComparison.Ordinal);

        TestEvents.ParseSingle(json).Event!.EventId.ShouldBe("p17-000123");
    }

    [Theory]
    [InlineData("clinicId")]
    [InlineData("payload")]
    [InlineData("gatewayId")]
    public void APropertyNamedTwiceInTheEnvelopeIsRejectedAsAmbiguous(string name)
    {
        var json = TestEvents.SessionStartedIv().With("gatewayId", "gw-1").Json();
        var duplicated = json[..^1] + ",\"" + name + "\":\"x\"}";

        var parsed = TestEvents.ParseSingle(duplicated);

        parsed.Rejection!.Rule.ShouldBe(ContractRule.DuplicateProperty);
        parsed.Rejection.Field.ShouldBe(name);
        parsed.Rejection.EventId.ShouldBe("p17-000123");
    }

    [Fact]
    public void ADuplicatedClinicIdIsNotReportedAsTheRejectionsOwner()
    {
        var json = TestEvents.SessionStartedIv().Json();

        var parsed = TestEvents.ParseSingle(json[..^1] + ",\"clinicId\":\"abq-01\"}");

        parsed.ClinicId.ShouldBeNull();
        parsed.SessionId.ShouldBe("S-0001");
    }

    [Fact]
    public void ANameAndItsEscapedSpellingCountAsTheSameProperty()
    {
        var json = TestEvents.SessionStartedIv().Json();

        var rejection = TestEvents.Rejected(json[..^1] + ",\"device\\u0049d\":\"pump-18\"}");

        rejection.Rule.ShouldBe(ContractRule.DuplicateProperty);
        rejection.Field.ShouldBe("deviceId");
    }

    [Fact]
    public void APropertyNamedTwiceInThePayloadIsRejectedWithItsPayloadPath()
    {
        var json = TestEvents.Of(EventType.DoseAdministered).Json().Replace("\"doseMg\":28", "\"doseMg\":28,\"doseMg\":2800", StringComparison.Ordinal);

        var rejection = TestEvents.Rejected(json);

        rejection.Rule.ShouldBe(ContractRule.DuplicateProperty);
        rejection.Field.ShouldBe("payload.doseMg");
    }

    [Fact]
    public void IdsWrittenWithJsonEscapesAreDecodedBeforeThePatternCheck()
    {
        var json = TestEvents.SessionStartedIv().Json().Replace("\"S-0001\"", "\"S\\u002d0001\"", StringComparison.Ordinal);

        TestEvents.ParseSingle(json).Event!.SessionId.ShouldBe("S-0001");
    }

    [Fact]
    public void AnEscapedLoneSurrogateInAnIdIsRejectedAsPattern()
    {
        var json = TestEvents.SessionStartedIv().Json().Replace("\"S-0001\"", "\"S\\ud800\"", StringComparison.Ordinal);

        var parsed = TestEvents.ParseSingle(json);

        parsed.Rejection!.Field.ShouldBe("sessionId");
        parsed.Rejection.Rule.ShouldBe(ContractRule.Pattern);
        parsed.SessionId.ShouldBeNull();
    }

    [Theory]
    [InlineData("\\ud800")]
    [InlineData("\\udc00\\ud800")]
    [InlineData("a\\ud83d")]
    public void AnEscapedLoneSurrogateInTheTypeIsAnUnknownType(string escaped)
    {
        var json = TestEvents.SessionStartedIv().Json().Replace("\"SessionStarted\"", "\"" + escaped + "\"", StringComparison.Ordinal);

        TestEvents.Rejected(json).Rule.ShouldBe(ContractRule.Enum);
    }

    [Fact]
    public void AnEscapedLoneSurrogateInAnUnknownPropertyNameIsIgnored()
    {
        var json = TestEvents.SessionStartedIv().Json();

        TestEvents.ParseSingle(json[..^1] + ",\"x\\udc00\":1,\"x\\udc00\":2}").Rejection!.Rule.ShouldBe(ContractRule.DuplicateProperty);
        TestEvents.ParseSingle(json[..^1] + ",\"x\\udc00\":1}").IsAccepted.ShouldBeTrue();
    }

    [Fact]
    public void AnEscapedSurrogatePairIsTextLikeAnyOther()
    {
        var json = TestEvents.Of(EventType.InfusionPaused).Json().Replace("patient asked for a break", "\\ud83d\\udc89", StringComparison.Ordinal);

        ((InfusionPausedPayload)TestEvents.ParseSingle(json).Event!.Payload).Reason.ShouldBe("\U0001F489");
    }

    private static JsonObject Repair(JsonObject e, string field)
    {
        var valid = TestEvents.SessionStartedIv();
        return field == "payload.weightKg" ? e.With(field, 70) : e.With(field, valid[field]!.DeepClone());
    }
}
