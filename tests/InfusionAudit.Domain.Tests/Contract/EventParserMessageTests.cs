using System.Text.Json.Nodes;
using InfusionAudit.Domain.Contract;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Contract;

/// <summary>Whole messages: single events, batches and the message-level problems.</summary>
public sealed class EventParserMessageTests
{
    [Fact]
    public void A_single_event_object_yields_one_accepted_event_at_index_zero()
    {
        var message = EventParser.Parse(TestEvents.SessionStartedIv().Json());

        message.Problem.ShouldBeNull();
        var parsed = message.Events.ShouldHaveSingleItem();
        parsed.Index.ShouldBe(0);
        parsed.IsAccepted.ShouldBeTrue();
        parsed.ClinicId.ShouldBe("abq-01");
        parsed.SessionId.ShouldBe("S-0001");
    }

    [Fact]
    public void The_example_batch_of_the_contract_is_accepted()
    {
        const string example = """
            [
             {"schemaVersion":1,"eventId":"p17-000123","type":"SessionStarted","sessionId":"S-0001",
              "clinicId":"abq-01","deviceId":"pump-17","sequence":0,"occurredAt":"2026-11-26T15:00:00Z",
              "payload":{"patientRef":"MRN-778812","protocolId":"ketamine-iv-depression","route":"IV",
                         "weightKg":70,"prescribedDoseMgPerKg":0.5,"plannedDurationMin":40,
                         "concentrationMgPerMl":1.0}},
             {"schemaVersion":1,"eventId":"p17-000124","type":"InfusionRateChanged","sessionId":"S-0001",
              "clinicId":"abq-01","deviceId":"pump-17","sequence":1,"occurredAt":"2026-11-26T15:00:30Z",
              "payload":{"rateMlPerHour":52.5}}
            ]
            """;

        var message = EventParser.Parse(example);

        message.Problem.ShouldBeNull();
        message.Events.Select(e => e.Event!.EventId).ShouldBe(["p17-000123", "p17-000124"]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(EventParser.MaxEventsPerMessage)]
    public void A_batch_of_one_to_one_hundred_events_is_accepted_in_order(int count)
    {
        var batch = Batch(count);

        var message = EventParser.Parse(batch.Json());

        message.Problem.ShouldBeNull();
        message.Events.Count.ShouldBe(count);
        message.Events.Select(e => e.Index).ShouldBe(Enumerable.Range(0, count));
        message.Events.Select(e => e.Event!.Sequence).ShouldBe(Enumerable.Range(0, count).Select(i => (long)i));
    }

    [Fact]
    public void A_batch_of_one_hundred_and_one_events_is_rejected_whole_as_too_many_events()
    {
        var text = Batch(EventParser.MaxEventsPerMessage + 1).Json();

        var message = EventParser.Parse(text);

        message.Problem.ShouldBe(MessageProblem.TooManyEvents);
        var only = message.Events.ShouldHaveSingleItem();
        only.RawJson.ShouldBe(text);
        only.Rejection.ShouldBe(new EventRejection(null, "$", ContractRule.BatchSize, only.Rejection!.Message));
        only.Rejection.Message.ShouldContain("101");
    }

    [Fact]
    public void An_empty_array_is_rejected_as_an_empty_batch()
    {
        var message = EventParser.Parse(" [ ] ");

        message.Problem.ShouldBe(MessageProblem.EmptyBatch);
        var only = message.Events.ShouldHaveSingleItem();
        only.RawJson.ShouldBe(" [ ] ");
        only.Rejection!.Rule.ShouldBe(ContractRule.BatchSize);
        only.Rejection.Field.ShouldBe("$");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{")]
    [InlineData("not json")]
    [InlineData("{\"schemaVersion\":1,}")]
    [InlineData("{} {}")]
    [InlineData("// comment\n{}")]
    [InlineData("{'schemaVersion':1}")]
    [InlineData("[NaN]")]
    public void Text_that_is_not_json_is_one_rejection_holding_the_whole_text(string text)
    {
        var message = EventParser.Parse(text);

        message.Problem.ShouldBe(MessageProblem.NotJson);
        var only = message.Events.ShouldHaveSingleItem();
        only.Index.ShouldBe(0);
        only.RawJson.ShouldBe(text);
        only.Event.ShouldBeNull();
        only.Rejection.ShouldNotBeNull();
        only.Rejection.Field.ShouldBe("$");
        only.Rule().ShouldBe(ContractRule.NotJson);
        only.Rejection.EventId.ShouldBeNull();
    }

    [Fact]
    public void A_null_message_is_treated_as_empty_text()
    {
        var message = EventParser.Parse(null!);

        message.Problem.ShouldBe(MessageProblem.NotJson);
        message.Events.ShouldHaveSingleItem().RawJson.ShouldBe(string.Empty);
    }

    [Theory]
    [InlineData("42")]
    [InlineData("\"SessionStarted\"")]
    [InlineData("null")]
    [InlineData("true")]
    public void Json_that_is_neither_an_object_nor_an_array_is_rejected_as_not_an_event(string text)
    {
        var message = EventParser.Parse(text);

        message.Problem.ShouldBe(MessageProblem.NotAnEventOrArray);
        var only = message.Events.ShouldHaveSingleItem();
        only.RawJson.ShouldBe(text);
        only.Rule().ShouldBe(ContractRule.Type);
        only.Rejection!.Field.ShouldBe("$");
    }

    [Fact]
    public void Valid_events_of_a_batch_are_accepted_even_when_others_are_rejected()
    {
        var batch = new JsonArray(
            TestEvents.Of(EventType.InfusionRateChanged),
            TestEvents.Of(EventType.DoseAdministered).With("payload.doseMg", 0),
            TestEvents.Of(EventType.SessionEnded));

        var message = EventParser.Parse(batch.Json());

        message.Problem.ShouldBeNull();
        message.Events.Select(e => e.IsAccepted).ShouldBe([true, false, true]);
        message.Events[1].Index.ShouldBe(1);
        message.Events[1].Rule().ShouldBe(ContractRule.ExclusiveMinimum);
        message.Events[1].Rejection!.Field.ShouldBe("payload.doseMg");
    }

    [Fact]
    public void Array_elements_that_are_not_objects_are_rejected_one_by_one()
    {
        var text = """[1, "x", null, [], {"schemaVersion":1}, """ + TestEvents.Of(EventType.InfusionResumed).Json() + "]";

        var message = EventParser.Parse(text);

        message.Problem.ShouldBeNull();
        message.Events.Count.ShouldBe(6);
        message.Events.Take(4).ShouldAllBe(e => e.Rejection!.Rule == ContractRule.Type && e.Rejection.Field == "$");
        message.Events.Select(e => e.RawJson).Take(4).ShouldBe(["1", "\"x\"", "null", "[]"]);
        message.Events[4].Rule().ShouldBe(ContractRule.Required);
        message.Events[5].IsAccepted.ShouldBeTrue();
    }

    [Fact]
    public void Raw_json_is_the_exact_text_of_each_element_as_received()
    {
        const string first = """{ "schemaVersion" : 1.0, "eventId":"e-1", "type":"InfusionResumed", "sessionId":"S-1", "clinicId":"c", "deviceId":"d", "sequence":3, "occurredAt":"2026-11-26T15:00:00+01:00", "payload":{ "x":"caf\u00e9 é" } }""";
        const string second = """{"eventId":"broken"}""";
        var text = "[\n  " + first + " ,\r\n\t" + second + "\n]";

        var message = EventParser.Parse(text);

        message.Events[0].RawJson.ShouldBe(first);
        message.Events[0].IsAccepted.ShouldBeTrue();
        message.Events[1].RawJson.ShouldBe(second);
    }

    [Fact]
    public void Raw_json_of_a_single_event_message_is_the_object_without_surrounding_white_space()
    {
        var json = TestEvents.Of(EventType.SessionEnded).Json();

        EventParser.Parse("\n  " + json + "  \n").Events[0].RawJson.ShouldBe(json);
    }

    [Fact]
    public void A_leading_byte_order_mark_is_ignored()
    {
        var json = TestEvents.Of(EventType.SessionEnded).Json();

        var message = EventParser.Parse("\uFEFF" + json);

        message.Problem.ShouldBeNull();
        message.Events[0].IsAccepted.ShouldBeTrue();
    }

    [Fact]
    public void Nesting_deeper_than_sixty_four_levels_is_not_json()
    {
        var json = TestEvents.Of(EventType.SessionEnded).Json();
        var deep = json[..^1] + ",\"extra\":" + new string('[', 70) + new string(']', 70) + "}";

        EventParser.Parse(deep).Problem.ShouldBe(MessageProblem.NotJson);
    }

    [Fact]
    public void Nested_unknown_fields_within_the_depth_limit_are_ignored()
    {
        var nested = TestEvents.Of(EventType.SessionEnded).With("extra", JsonNode.Parse(new string('[', 50) + new string(']', 50)));

        nested.Accepted().Type.ShouldBe(EventType.SessionEnded);
    }

    [Fact]
    public void A_message_longer_than_the_limit_is_rejected_without_being_read()
    {
        var text = new string(' ', EventParser.MaxMessageLength + 1);

        var message = EventParser.Parse(text);

        message.Problem.ShouldBe(MessageProblem.NotJson);
        message.Events.ShouldHaveSingleItem().Rule().ShouldBe(ContractRule.MessageSize);
    }

    [Fact]
    public void Unpaired_surrogates_in_the_text_do_not_make_parsing_throw()
    {
        var json = TestEvents.Of(EventType.InfusionPaused).With("payload.reason", "x").Json().Replace("\"x\"", "\"\ud800\"", StringComparison.Ordinal);

        var message = EventParser.Parse(json);

        message.Events.ShouldHaveSingleItem().IsAccepted.ShouldBeTrue();
    }

    private static JsonArray Batch(int count)
    {
        var batch = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            batch.Add(TestEvents.Envelope("InfusionRateChanged", i, new JsonObject { ["rateMlPerHour"] = 10 + i }, eventId: $"e-{i}"));
        }

        return batch;
    }
}
