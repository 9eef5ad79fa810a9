using System.Text.Json.Nodes;
using InfusionAudit.Domain.Contract;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Contract;

/// <summary>Envelope fields: values, order of checks, ids on rejections, duplicates and odd encodings.</summary>
public sealed class EventParserEnvelopeTests
{
    [Fact]
    public void Envelope_fields_are_read_into_the_event()
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
    public void Every_event_type_of_the_contract_is_accepted(EventType type)
    {
        var e = TestEvents.Of(type).Accepted();

        e.Type.ShouldBe(type);
        e.Payload.GetType().Name.ShouldBe(type + "Payload");
    }

    public static TheoryData<EventType> AllEventTypes => new(Enum.GetValues<EventType>());

    [Fact]
    public void Occurred_at_keeps_the_offset_the_device_sent()
    {
        var e = TestEvents.SessionStartedIv().With("occurredAt", "2026-11-26T20:30:00+05:30").Accepted();

        e.OccurredAt.Offset.ShouldBe(TimeSpan.FromMinutes(330));
        e.OccurredAt.UtcDateTime.ShouldBe(new DateTime(2026, 11, 26, 15, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void Occurred_at_with_a_negative_offset_keeps_it()
    {
        var e = TestEvents.SessionStartedIv().With("occurredAt", "2026-11-26T09:00:00-06:00").Accepted();

        e.OccurredAt.Offset.ShouldBe(TimeSpan.FromHours(-6));
        e.OccurredAt.UtcDateTime.Hour.ShouldBe(15);
    }

    [Fact]
    public void Occurred_at_fraction_digits_past_one_hundred_nanoseconds_are_truncated()
    {
        var e = TestEvents.SessionStartedIv().With("occurredAt", "2026-11-26T15:00:00.123456789Z").Accepted();

        (e.OccurredAt.Ticks % TimeSpan.TicksPerSecond).ShouldBe(1_234_567);
    }

    [Theory]
    [InlineData("2026-11-26T15:00:00.5Z", 5_000_000)]
    [InlineData("2026-11-26T15:00:00.000001Z", 10)]
    [InlineData("2026-11-26T15:00:00Z", 0)]
    public void Occurred_at_fractions_shorter_than_seven_digits_are_scaled(string occurredAt, long ticks)
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
    public void Occurred_at_at_the_edges_of_the_representable_range_is_accepted(string occurredAt)
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
    public void Occurred_at_outside_rfc_3339_with_offset_is_rejected_as_format(string occurredAt)
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
    public void Schema_version_one_is_accepted_however_the_number_is_written(string literal)
    {
        TestEvents.SessionStartedIv().WithRaw("schemaVersion", literal).Accepted().SchemaVersion.ShouldBe(1);
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("-1")]
    [InlineData("100000000000000000000")]
    public void Schema_versions_other_than_one_are_rejected_as_const(string literal)
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
    public void Sequence_accepts_every_spelling_of_a_non_negative_64_bit_integer(string literal, long expected)
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
    public void Sequence_outside_the_64_bit_range_or_not_an_integer_is_rejected(string literal, string rule)
    {
        var rejection = TestEvents.SessionStartedIv().WithRaw("sequence", literal).Rejected();

        rejection.Field.ShouldBe("sequence");
        rejection.Rule.ShouldBe(rule);
    }

    [Fact]
    public void The_first_broken_rule_is_reported_in_contract_order()
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
    public void Envelope_fields_may_come_in_any_order()
    {
        var e = TestEvents.SessionStartedIv();
        var reversed = new JsonObject(e.Reverse().Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())).ToList());

        reversed.Accepted().ShouldBe(e.Accepted());
    }

    [Fact]
    public void A_rejection_carries_the_event_id_and_the_clinic_and_session_when_they_are_well_formed()
    {
        var parsed = TestEvents.ParseSingle(TestEvents.SessionStartedIv().With("type", "Unknown").Json());

        parsed.Rejection!.EventId.ShouldBe("p17-000123");
        parsed.ClinicId.ShouldBe("abq-01");
        parsed.SessionId.ShouldBe("S-0001");
    }

    [Fact]
    public void Clinic_and_session_are_filled_even_when_the_event_id_is_broken()
    {
        var parsed = TestEvents.ParseSingle(TestEvents.SessionStartedIv().With("eventId", 17).With("schemaVersion", "one").Json());

        parsed.Rejection!.Field.ShouldBe("schemaVersion");
        parsed.Rejection.EventId.ShouldBeNull();
        parsed.ClinicId.ShouldBe("abq-01");
        parsed.SessionId.ShouldBe("S-0001");
    }

    [Fact]
    public void Malformed_clinic_and_session_ids_are_not_reported_as_the_rejections_owners()
    {
        var parsed = TestEvents.ParseSingle(TestEvents.SessionStartedIv().With("clinicId", "abq 01").Without("sessionId").Json());

        parsed.ClinicId.ShouldBeNull();
        parsed.SessionId.ShouldBeNull();
        parsed.Rejection!.EventId.ShouldBe("p17-000123");
    }

    [Fact]
    public void Unknown_envelope_fields_are_ignored()
    {
        TestEvents.SessionStartedIv().With("gatewayId", "gw-1").With("schemaVersion2", "x").Accepted();
    }

    [Fact]
    public void Property_names_written_with_json_escapes_are_recognised()
    {
        var json = TestEvents.SessionStartedIv().Json().Replace("\"eventId\"", "\"event\\u0049d\"", StringComparison.Ordinal);

        TestEvents.ParseSingle(json).Event!.EventId.ShouldBe("p17-000123");
    }

    [Theory]
    [InlineData("clinicId")]
    [InlineData("payload")]
    [InlineData("gatewayId")]
    public void A_property_named_twice_in_the_envelope_is_rejected_as_ambiguous(string name)
    {
        var json = TestEvents.SessionStartedIv().With("gatewayId", "gw-1").Json();
        var duplicated = json[..^1] + ",\"" + name + "\":\"x\"}";

        var parsed = TestEvents.ParseSingle(duplicated);

        parsed.Rejection!.Rule.ShouldBe(ContractRule.DuplicateProperty);
        parsed.Rejection.Field.ShouldBe(name);
        parsed.Rejection.EventId.ShouldBe("p17-000123");
    }

    [Fact]
    public void A_duplicated_clinic_id_is_not_reported_as_the_rejections_owner()
    {
        var json = TestEvents.SessionStartedIv().Json();

        var parsed = TestEvents.ParseSingle(json[..^1] + ",\"clinicId\":\"abq-01\"}");

        parsed.ClinicId.ShouldBeNull();
        parsed.SessionId.ShouldBe("S-0001");
    }

    [Fact]
    public void A_name_and_its_escaped_spelling_count_as_the_same_property()
    {
        var json = TestEvents.SessionStartedIv().Json();

        var rejection = TestEvents.Rejected(json[..^1] + ",\"device\\u0049d\":\"pump-18\"}");

        rejection.Rule.ShouldBe(ContractRule.DuplicateProperty);
        rejection.Field.ShouldBe("deviceId");
    }

    [Fact]
    public void A_property_named_twice_in_the_payload_is_rejected_with_its_payload_path()
    {
        var json = TestEvents.Of(EventType.DoseAdministered).Json().Replace("\"doseMg\":28", "\"doseMg\":28,\"doseMg\":2800", StringComparison.Ordinal);

        var rejection = TestEvents.Rejected(json);

        rejection.Rule.ShouldBe(ContractRule.DuplicateProperty);
        rejection.Field.ShouldBe("payload.doseMg");
    }

    [Fact]
    public void Ids_written_with_json_escapes_are_decoded_before_the_pattern_check()
    {
        var json = TestEvents.SessionStartedIv().Json().Replace("\"S-0001\"", "\"S\\u002d0001\"", StringComparison.Ordinal);

        TestEvents.ParseSingle(json).Event!.SessionId.ShouldBe("S-0001");
    }

    [Fact]
    public void An_escaped_lone_surrogate_in_an_id_is_rejected_as_pattern()
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
    public void An_escaped_lone_surrogate_in_the_type_is_an_unknown_type(string escaped)
    {
        var json = TestEvents.SessionStartedIv().Json().Replace("\"SessionStarted\"", "\"" + escaped + "\"", StringComparison.Ordinal);

        TestEvents.Rejected(json).Rule.ShouldBe(ContractRule.Enum);
    }

    [Fact]
    public void An_escaped_lone_surrogate_in_an_unknown_property_name_is_ignored()
    {
        var json = TestEvents.SessionStartedIv().Json();

        TestEvents.ParseSingle(json[..^1] + ",\"x\\udc00\":1,\"x\\udc00\":2}").Rejection!.Rule.ShouldBe(ContractRule.DuplicateProperty);
        TestEvents.ParseSingle(json[..^1] + ",\"x\\udc00\":1}").IsAccepted.ShouldBeTrue();
    }

    [Fact]
    public void An_escaped_surrogate_pair_is_text_like_any_other()
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
