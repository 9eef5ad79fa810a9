using System.Text.Json;
using System.Text.Json.Nodes;
using InfusionAudit.Domain.Contract;
using Json.Schema;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Contract;

/// <summary>The shipped JSON Schema: embedded, well-formed draft 2020-12, and describing messages, not only events.</summary>
public sealed class ContractSchemaTests
{
    [Fact]
    public void TheEmbeddedSchemaIsTheFileInTheRepository()
    {
        var file = Path.Combine(RepositoryRoot(), "src", "InfusionAudit.Domain", "Contract", "device-event.v1.schema.json");

        ContractSchema.Text.ShouldBe(File.ReadAllText(file));
    }

    [Fact]
    public void TheSchemaIsValidDraft202012WithThePublishedId()
    {
        using var document = JsonDocument.Parse(ContractSchema.Text);

        var result = MetaSchemas.Draft202012.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.Flag });

        result.IsValid.ShouldBeTrue();
        document.RootElement.GetProperty("$id").GetString().ShouldBe(ContractSchema.Id);
        document.RootElement.GetProperty("$schema").GetString().ShouldBe("https://json-schema.org/draft/2020-12/schema");
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(100, true)]
    [InlineData(0, false)]
    [InlineData(101, false)]
    public void TheSchemaAcceptsBatchesOfOneToOneHundredEvents(int count, bool valid)
    {
        var batch = new JsonArray(Enumerable.Range(0, count).Select(_ => (JsonNode)TestEvents.Of(EventType.SessionEnded)).ToArray());

        ContractCorpus.SchemaAccepts(batch.Json()).ShouldBe(valid);
    }

    [Fact]
    public void TheSchemaRejectsABatchWithOneInvalidEventWhereTheParserRejectsOnlyThatEvent()
    {
        var batch = new JsonArray(TestEvents.Of(EventType.SessionEnded), TestEvents.Of(EventType.DoseAdministered).With("payload.doseMg", 0));

        ContractCorpus.SchemaAccepts(batch.Json()).ShouldBeFalse();
        EventParser.Parse(batch.Json()).Events.Select(e => e.IsAccepted).ShouldBe([true, false]);
    }

    [Theory]
    [InlineData("42")]
    [InlineData("\"event\"")]
    [InlineData("[1]")]
    public void TheSchemaRejectsMessagesThatAreNotEvents(string json)
    {
        ContractCorpus.SchemaAccepts(json).ShouldBeFalse();
    }

    [Fact]
    public void TheSchemaMaximaAreTheLimitsOfTheUnitTypes()
    {
        // The parser reads its maxima from the unit types; the schema writes them out. This keeps the two in step.
        using var document = JsonDocument.Parse(ContractSchema.Text);
        var defs = document.RootElement.GetProperty("$defs");
        double Maximum(string payload, string field) =>
            defs.GetProperty(payload).GetProperty("properties").GetProperty(field).GetProperty("maximum").GetDouble();

        Maximum("sessionStartedPayload", "weightKg").ShouldBe(Units.BodyWeight.MaxValue.Kilograms);
        Maximum("sessionStartedPayload", "prescribedDoseMgPerKg").ShouldBe(Units.WeightBasedDose.MaxValue.MilligramsPerKilogram);
        Maximum("sessionStartedPayload", "prescribedDoseMg").ShouldBe(Units.Dose.MaxValue.Milligrams);
        Maximum("sessionStartedPayload", "plannedDurationMin").ShouldBe(PayloadValidator.MaxPlannedDurationMinutes);
        Maximum("sessionStartedPayload", "concentrationMgPerMl").ShouldBe(Units.Concentration.MaxValue.MilligramsPerMillilitre);
        Maximum("infusionRateChangedPayload", "rateMlPerHour").ShouldBe(Units.VolumeRate.MaxValue.MillilitresPerHour);
        Maximum("infusionRateChangedPayload", "rateMgPerKgPerHour").ShouldBe(Units.WeightBasedDoseRate.MaxValue.MilligramsPerKilogramPerHour);
        Maximum("doseAdministeredPayload", "doseMg").ShouldBe(Units.Dose.MaxValue.Milligrams);
        Maximum("pumpTotalReportedPayload", "volumeInfusedMl").ShouldBe(Units.Volume.MaxValue.Millilitres);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Functions.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Functions.sln not found above the test output.");
    }
}
