using System.Text.Json.Nodes;
using CsCheck;
using InfusionAudit.Domain.Contract;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Contract;

/// <summary>Generated inputs: the parser never throws, and it agrees with the JSON Schema on generated events.</summary>
public sealed class EventParserPropertyTests
{
    private const string Remove = "<remove>";

    // Values on both sides of every bound, of every JSON type, and strings that are one rule away from valid.
    private static readonly string[] Literals =
    [
        Remove, "null", "true", "false", "0", "-0", "-0.0", "1", "-1", "0.5", "-0.1", "1.5", "1.0", "1e2", "24", "92", "93", "150", "151",
        "200", "10000", "10000.5", "1000000", "1000000.5", "1000000000", "1000000001", "1e300", "1e400", "-1e400",
        "9223372036854775807", "9223372036854775808", "\"\"", "\" \"", "\"a\"", "\"a b\"", "\"S\\u002d1\"", "\"IV\"", "\"iv\"",
        "\"SC\"", "\"IN\"", "\"nausea\"", "\"Nausea\"", "\"mild\"", "\"lifeThreatening\"", "\"completed\"", "\"SessionStarted\"",
        "\"VitalsRecorded\"", "\"InfusionResumed\"", "\"Unknown\"", "\"2026-11-26T15:00:00Z\"", "\"2026-11-26T15:00:00\"",
        "\"2026-02-29T00:00:00Z\"", "\"2026-11-26T15:00:00+14:30\"", "\"\\n\"", "{}", "[]", "{\"a\":1}", "[1]",
        Quoted('x', 64), Quoted('x', 65), Quoted('x', 128), Quoted('x', 129), Quoted('x', 200), Quoted('x', 201),
        Quoted('x', 500), Quoted('x', 501), "\"" + string.Concat(Enumerable.Repeat("\U0001F489", 129)) + "\"",
    ];

    private static readonly string[] Paths =
    [
        "schemaVersion", "eventId", "type", "sessionId", "clinicId", "deviceId", "sequence", "occurredAt", "payload", "unknownField",
        "payload.patientRef", "payload.protocolId", "payload.route", "payload.weightKg", "payload.prescribedDoseMgPerKg",
        "payload.prescribedDoseMg", "payload.plannedDurationMin", "payload.concentrationMgPerMl", "payload.patientAgeYears",
        "payload.rateMlPerHour", "payload.rateMgPerKgPerHour", "payload.reason", "payload.doseMg", "payload.volumeInfusedMl",
        "payload.heartRateBpm", "payload.systolicMmHg", "payload.diastolicMmHg", "payload.spo2Percent",
        "payload.respiratoryRatePerMin", "payload.effect", "payload.severity", "payload.cadssScore", "payload.note",
    ];

    private static readonly Gen<JsonObject> Template = Gen.OneOf(
        Gen.Enum<EventType>().Select(TestEvents.Of),
        Gen.Const(0).Select(_ => TestEvents.SessionStartedIntranasal()));

    private static readonly Gen<(string Path, string Literal)> Mutation =
        Gen.Select(Gen.OneOfConst(Paths), Gen.OneOfConst(Literals), (path, literal) => (path, literal));

    private static readonly Gen<string> GeneratedEvent =
        Gen.Select(Template, Mutation.Array[0, 3], (template, mutations) => Mutate(template, mutations).Json());

    // Fragments of contract JSON: random concatenations are mostly broken JSON that gets far into the parser.
    private static readonly Gen<string> JsonFragments = Gen.OneOfConst(
        "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "d800", "dc00", "\\ud83d\\udc89", "1", "-", "e400", ".5", "null", "true",
        " ", "\n", "\"schemaVersion\":1", "\"type\":\"SessionStarted\"", "\"payload\":{", "\"weightKg\":", "\"eventId\":\"e\"",
        "\"occurredAt\":\"2026-11-26T15:00:00Z\"", "\"patientRef\":\"MRN\"", "\ud800", "\uFEFF", "\0");

    [Fact]
    public void ArbitraryTextNeverMakesParseThrowAndAlwaysYieldsAnElement()
    {
        Gen.String.Sample(text => AssertWellFormed(EventParser.Parse(text)), iter: 5_000);
    }

    [Fact]
    public void NearJsonTextNeverMakesParseThrow()
    {
        JsonFragments.Array[1, 40].Select(string.Concat).Sample(text => AssertWellFormed(EventParser.Parse(text)), iter: 20_000);
    }

    [Fact]
    public void ValidEventsWithCharactersCutOrInsertedNeverMakeParseThrow()
    {
        var damaged = Gen.Select(GeneratedEvent, Gen.Int[0, 2_000], Gen.Char, Gen.Bool, (json, at, c, cut) =>
        {
            var position = at % (json.Length + 1);
            return cut && position < json.Length ? json.Remove(position, 1) : json.Insert(position, c.ToString());
        });

        damaged.Sample(text => AssertWellFormed(EventParser.Parse(text)), iter: 10_000);
    }

    [Fact]
    public void BatchesOfGeneratedEventsNeverMakeParseThrow()
    {
        GeneratedEvent.Array[0, 120].Select(events => "[" + string.Join(",", events) + "]")
            .Sample(text => AssertWellFormed(EventParser.Parse(text)), iter: 300);
    }

    [Fact]
    public void TheParserAndTheSchemaAgreeOnGeneratedEvents()
    {
        GeneratedEvent.Sample(
            json => EventParser.Parse(json).Events[0].IsAccepted.ShouldBe(ContractCorpus.SchemaAccepts(json), json),
            iter: 3_000,
            print: json => json);
    }

    private static JsonObject Mutate(JsonObject template, (string Path, string Literal)[] mutations)
    {
        foreach (var (path, literal) in mutations)
        {
            // A payload replaced by a non-object earlier has no fields left to bend.
            if (path.StartsWith("payload.", StringComparison.Ordinal) && template["payload"] is not JsonObject)
            {
                continue;
            }

            if (literal == Remove)
            {
                template.Without(path);
            }
            else
            {
                template.WithRaw(path, literal);
            }
        }

        return template;
    }

    private static void AssertWellFormed(ParsedMessage message)
    {
        message.Events.ShouldNotBeEmpty();
        foreach (var parsed in message.Events)
        {
            (parsed.Event is null).ShouldNotBe(parsed.Rejection is null);
            parsed.RawJson.ShouldNotBeNull();
        }

        if (message.Problem is not null)
        {
            message.Events.ShouldHaveSingleItem().Rejection!.Field.ShouldBe("$");
        }
    }

    private static string Quoted(char c, int count) => "\"" + new string(c, count) + "\"";
}
