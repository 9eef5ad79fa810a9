using System.Text.Json.Nodes;
using InfusionAudit.Domain.Contract;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Contract;

/// <summary>Whole messages: single events, batches and the message-level problems.</summary>
public sealed class EventParserMessageTests
{
    [Fact]
    public void ASingleEventObjectYieldsOneAcceptedEventAtIndexZero()
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
    public void TheExampleBatchOfTheContractIsAccepted()
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
    public void ABatchOfOneToOneHundredEventsIsAcceptedInOrder(int count)
    {
        var batch = Batch(count);

        var message = EventParser.Parse(batch.Json());

        message.Problem.ShouldBeNull();
        message.Events.Count.ShouldBe(count);
        message.Events.Select(e => e.Index).ShouldBe(Enumerable.Range(0, count));
        message.Events.Select(e => e.Event!.Sequence).ShouldBe(Enumerable.Range(0, count).Select(i => (long)i));
    }

    [Fact]
    public void ABatchOfOneHundredAndOneEventsIsRejectedWholeAsTooManyEvents()
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
    public void AnEmptyArrayIsRejectedAsAnEmptyBatch()
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
    public void TextThatIsNotJsonIsOneRejectionHoldingTheWholeText(string text)
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
    public void ANullMessageIsTreatedAsEmptyText()
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
    public void JsonThatIsNeitherAnObjectNorAnArrayIsRejectedAsNotAnEvent(string text)
    {
        var message = EventParser.Parse(text);

        message.Problem.ShouldBe(MessageProblem.NotAnEventOrArray);
        var only = message.Events.ShouldHaveSingleItem();
        only.RawJson.ShouldBe(text);
        only.Rule().ShouldBe(ContractRule.Type);
        only.Rejection!.Field.ShouldBe("$");
    }

    [Fact]
    public void ValidEventsOfABatchAreAcceptedEvenWhenOthersAreRejected()
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
    public void ArrayElementsThatAreNotObjectsAreRejectedOneByOne()
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
    public void RawJsonIsTheExactTextOfEachElementAsReceived()
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
    public void RawJsonOfASingleEventMessageIsTheObjectWithoutSurroundingWhiteSpace()
    {
        var json = TestEvents.Of(EventType.SessionEnded).Json();

        EventParser.Parse("\n  " + json + "  \n").Events[0].RawJson.ShouldBe(json);
    }

    [Fact]
    public void ALeadingByteOrderMarkIsIgnored()
    {
        var json = TestEvents.Of(EventType.SessionEnded).Json();

        var message = EventParser.Parse("\uFEFF" + json);

        message.Problem.ShouldBeNull();
        message.Events[0].IsAccepted.ShouldBeTrue();
    }

    [Fact]
    public void NestingDeeperThanSixtyFourLevelsIsNotJson()
    {
        var json = TestEvents.Of(EventType.SessionEnded).Json();
        var deep = json[..^1] + ",\"extra\":" + new string('[', 70) + new string(']', 70) + "}";

        EventParser.Parse(deep).Problem.ShouldBe(MessageProblem.NotJson);
    }

    [Fact]
    public void NestedUnknownFieldsWithinTheDepthLimitAreIgnored()
    {
        var nested = TestEvents.Of(EventType.SessionEnded).With("extra", JsonNode.Parse(new string('[', 50) + new string(']', 50)));

        nested.Accepted().Type.ShouldBe(EventType.SessionEnded);
    }

    [Fact]
    public void AMessageLongerThanTheLimitIsRejectedWithoutBeingRead()
    {
        var text = new string(' ', EventParser.MaxMessageLength + 1);

        var message = EventParser.Parse(text);

        message.Problem.ShouldBe(MessageProblem.NotJson);
        message.Events.ShouldHaveSingleItem().Rule().ShouldBe(ContractRule.MessageSize);
    }

    [Fact]
    public void UnpairedSurrogatesInTheTextDoNotMakeParsingThrow()
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
