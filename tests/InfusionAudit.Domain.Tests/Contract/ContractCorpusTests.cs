using InfusionAudit.Domain.Contract;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Contract;

/// <summary>The parser and the published JSON Schema must agree on every corpus event.</summary>
public sealed class ContractCorpusTests
{
    public static TheoryData<string> ValidFiles => new(ContractCorpus.Files("valid"));

    public static TheoryData<string> InvalidFiles => new(ContractCorpus.Files("invalid"));

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void ValidCorpusEventIsAcceptedByTheParserAndByTheSchema(string file)
    {
        var json = ContractCorpus.Read("valid", file);

        var parsed = TestEvents.ParseSingle(json);

        parsed.Rejection.ShouldBeNull(customMessage: parsed.Rejection?.Message);
        parsed.Event.ShouldNotBeNull();
        ContractCorpus.SchemaAccepts(json).ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public void InvalidCorpusEventIsRejectedByBothWithTheFieldAndRuleItsNameStates(string file)
    {
        var json = ContractCorpus.Read("invalid", file);
        var (field, rule) = ContractCorpus.Expected(file);

        var rejection = TestEvents.Rejected(json);

        rejection.Field.ShouldBe(field);
        rejection.Rule.ShouldBe(rule);
        rejection.Message.ShouldContain(field == "$" ? "message" : field.Split('.')[^1]);
        ContractCorpus.SchemaAccepts(json).ShouldBeFalse();
    }

    [Fact]
    public void CorpusHoldsAtLeastSixtyEventsOnEachSide()
    {
        ContractCorpus.Files("valid").Count().ShouldBeGreaterThanOrEqualTo(60);
        ContractCorpus.Files("invalid").Count().ShouldBeGreaterThanOrEqualTo(60);
    }

    [Fact]
    public void CorpusExercisesEveryEventRuleThatJsonSchemaCanExpress()
    {
        // Message-level rules and the three the schema cannot express are covered by EventParser unit tests instead;
        // body-size (an HTTP body over the host's limit) and invalid (no parser verdict) are the host's, not an event's;
        // hl7-rejected and hl7-error judge whole HL7 v2 messages (tests/InfusionAudit.Hl7.Tests), never a JSON event.
        string[] notInCorpus =
        [
            ContractRule.NotJson, ContractRule.NotBase64, ContractRule.MessageSize, ContractRule.BatchSize,
            ContractRule.DuplicateProperty, ContractRule.StringEncoding, ContractRule.EventSize,
            ContractRule.BodySize, ContractRule.Invalid, ContractRule.Hl7Rejected, ContractRule.Hl7Error,
        ];
        var allRules = typeof(ContractRule).GetFields().Select(f => (string)f.GetRawConstantValue()!);
        var corpusRules = ContractCorpus.Files("invalid").Select(f => ContractCorpus.Expected(f).Rule).ToHashSet();

        allRules.Except(notInCorpus).ShouldBeSubsetOf(corpusRules);
    }

    [Fact]
    public void CorpusHasAValidExampleOfEveryEventType()
    {
        var types = ContractCorpus.Files("valid")
            .Select(f => TestEvents.ParseSingle(ContractCorpus.Read("valid", f)).Event!.Type)
            .ToHashSet();

        types.ShouldBe(Enum.GetValues<EventType>(), ignoreOrder: true);
    }

    [Fact]
    public void AllValidCorpusEventsInOneBatchAreAcceptedByBoth()
    {
        var events = ContractCorpus.Files("valid").Select(f => ContractCorpus.Read("valid", f)).ToList();
        var batch = "[" + string.Join(",", events) + "]";

        var message = EventParser.Parse(batch);

        message.Problem.ShouldBeNull();
        message.Events.ShouldAllBe(e => e.IsAccepted);
        ContractCorpus.SchemaAccepts(batch).ShouldBeTrue();
    }
}
