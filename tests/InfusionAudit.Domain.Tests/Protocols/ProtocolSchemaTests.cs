using System.Text.Json;
using System.Text.Json.Nodes;
using InfusionAudit.Domain.Protocols;
using InfusionAudit.Domain.Tests.Builders;
using Json.Schema;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Protocols;

/// <summary>
/// protocols/protocol.schema.json is what a clinician's editor checks; the host checks the same at start. These tests keep
/// the two in step: every repository file passes both, and a single-field problem the reader rejects, the schema rejects.
/// </summary>
public sealed class ProtocolSchemaTests
{
    private static readonly Lazy<JsonSchema> LazySchema =
        new(() => JsonSchema.FromText(File.ReadAllText(Path.Combine(TestProtocols.Folder, "protocol.schema.json"))));

    public static TheoryData<string> ProtocolFiles() =>
        [.. Directory.GetFiles(TestProtocols.Folder, "*.v*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(ProtocolFiles))]
    public void EveryProtocolFileIsValidAgainstTheSchemaAndPointsToIt(string file)
    {
        var node = JsonNode.Parse(File.ReadAllText(Path.Combine(TestProtocols.Folder, file)))!;

        node["$schema"]!.GetValue<string>().ShouldBe("./protocol.schema.json");
        Errors(node).ShouldBeEmpty();
    }

    [Fact]
    public void EveryOptionalFieldWithItsDefaultIsValidAgainstTheSchemaAndLoads()
    {
        var node = TestProtocols.Node(TestProtocols.IvId);
        node["timing"]!["abandonAfterHours"] = 24;
        node["clock"] = JsonNode.Parse("""{"notBefore":"2015-01-01","staleAboveDays":7,"deviceOffsetAboveMin":10}""");
        node["vitals"]!["bpPredose"]!["withinMin"] = 30;
        node["vitals"]!["belowFloorConfirmWithinMin"] = 2;
        node["vitals"]!["hrLowAtMostBpm"] = 50;
        node["vitals"]!["hrCriticalLowAtMostBpm"] = 40;
        node["observationMin"] = 60;
        node["deviceSpacingMin"] = 5;

        Errors(node).ShouldBeEmpty();
        TestProtocols.LibraryWith(($"protocols/{TestProtocols.IvId}.v1.json", node)).Find(TestProtocols.IvId)!.ObservationMinimum
            .ShouldBe(TimeSpan.FromMinutes(60));
    }

    [Theory]
    [InlineData(TestProtocols.IvId, "version", "\"1\"", "version must be an integer (got \"1\")")]
    [InlineData(TestProtocols.IvId, "version", "0", "version (0) must be at least 1")]
    [InlineData(TestProtocols.IvId, "version", "1.5", "version must be an integer (got 1.5)")]
    [InlineData(TestProtocols.IvId, "title", "\" \"", "title must be a non-empty string")]
    [InlineData(TestProtocols.IvId, "route", "\"iv\"", "route (\"iv\") must be one of IV, SC, IN, IM")]
    [InlineData(TestProtocols.IvId, "fallbackForUnknownProtocols", "\"yes\"", "fallbackForUnknownProtocols must be true or false")]
    [InlineData(TestProtocols.IvId, "weightKg", "70", "weightKg must be an object")]
    [InlineData(TestProtocols.IvId, "doseMgPerKg.hard.max", "60", "doseMgPerKg.hard.max (60.0) must be at most 50.0")]
    [InlineData(TestProtocols.IvId, "doseMgPerKg.hard.min", "0", "doseMgPerKg.hard.min (0.0) must be above 0.0")]
    [InlineData(TestProtocols.IvId, "durationMin.soft.unit", "\"min\"", "durationMin.soft.unit is not a known field")]
    [InlineData(TestProtocols.IvId, "rateDeviation.percent", "101", "rateDeviation.percent (101.0) must be at most 100.0")]
    [InlineData(TestProtocols.IvId, "concentrationMgPerMl.hard.min", "\"0.1\"", "concentrationMgPerMl.hard.min must be a number (got \"0.1\")")]
    [InlineData(TestProtocols.IvId, "bolusHardMaxMgPerKg", "0", "bolusHardMaxMgPerKg (0.0) must be above 0.0")]
    [InlineData(TestProtocols.IvId, "delivery.overDeliveryAbovePercent", "-1", "delivery.overDeliveryAbovePercent (-1.0) must be at least 0.0")]
    [InlineData(TestProtocols.IvId, "delivery.pumpMismatchMinMl", null, "delivery.pumpMismatchMinMl is required")]
    [InlineData(TestProtocols.IvId, "timing.pauseLongAboveMin", "0", "timing.pauseLongAboveMin (0.0) must be above 0.0")]
    [InlineData(TestProtocols.IvId, "timing.deviceSilentMin", "1441", "timing.deviceSilentMin (1441.0) must be at most 1440.0")]
    [InlineData(TestProtocols.IvId, "timing.abandonAfterHours", "0", "timing.abandonAfterHours (0.0) must be above 0.0")]
    [InlineData(TestProtocols.IvId, "timing.pauseLongMin", "10", "timing.pauseLongMin is not a known field")]
    [InlineData(TestProtocols.IvId, "clock.staleAboveDays", "3651", "clock.staleAboveDays (3651.0) must be at most 3650.0")]
    [InlineData(TestProtocols.IvId, "clock.notBefore", "\"1 Jan 2015\"", "clock.notBefore must be a date yyyy-MM-dd (got \"1 Jan 2015\")")]
    [InlineData(TestProtocols.IvId, "vitals.bpCritical.pairWithinMin", null, "vitals.bpCritical.pairWithinMin is required")]
    [InlineData(TestProtocols.IvId, "vitals.hrHighAboveBpm", "true", "vitals.hrHighAboveBpm must be a number (got true)")]
    [InlineData(TestProtocols.IvId, "vitals.hrLowAtMostBpm", "401", "vitals.hrLowAtMostBpm (401.0) must be at most 400.0")]
    [InlineData(TestProtocols.IvId, "vitals.plausible.spo2Percent.max", "101", "vitals.plausible.spo2Percent.max (101.0) must be at most 100.0")]
    [InlineData(TestProtocols.IvId, "vitals.plausible", null, "vitals.plausible is required")]
    [InlineData(TestProtocols.InId, "fixedDoseMg.allowed", "[]", "fixedDoseMg.allowed must be a non-empty array of numbers")]
    [InlineData(TestProtocols.InId, "fixedDoseMg.allowed", "[28, \"56\"]", "fixedDoseMg.allowed[1] must be a number (got \"56\")")]
    [InlineData(TestProtocols.InId, "fixedDoseMg.hardMax", "10001", "fixedDoseMg.hardMax (10001.0) must be at most 10000.0")]
    [InlineData(TestProtocols.InId, "elderly.ageYearsAtLeast", "0", "elderly.ageYearsAtLeast (0) must be at least 1")]
    [InlineData(TestProtocols.InId, "observationMin", "-5", "observationMin (-5.0) must be above 0.0")]
    public void ASingleFieldProblemIsRejectedByTheReaderAndByTheSchema(string id, string path, string? json, string expected)
    {
        var node = TestProtocols.Node(id);
        Set(node, path, json is null ? null : JsonNode.Parse(json));

        var ex = Should.Throw<ProtocolLibraryException>(() => TestProtocols.LibraryWith(($"protocols/{id}.v1.json", node)));
        ex.Problems.ShouldBe([$"protocols/{id}.v1.json: {expected}"]);
        Errors(node).ShouldNotBeEmpty($"the schema accepts what the reader rejects: {expected}");
    }

    [Theory]
    [InlineData(TestProtocols.InId, "doseMgPerKg", """{"soft":{"min":0.5,"max":1},"hard":{"min":0.1,"max":2}}""", "exactly one of doseMgPerKg and fixedDoseMg is required")]
    [InlineData(TestProtocols.IvId, "durationMin", null, "rateDeviation needs durationMin (the expected rate is prescribed dose ÷ planned duration)")]
    public void ATwoFieldProblemTheSchemaCanStateIsRejectedByBoth(string id, string path, string? json, string expected)
    {
        var node = TestProtocols.Node(id);
        Set(node, path, json is null ? null : JsonNode.Parse(json));

        var ex = Should.Throw<ProtocolLibraryException>(() => TestProtocols.LibraryWith(($"protocols/{id}.v1.json", node)));
        ex.Problems.ShouldBe([$"protocols/{id}.v1.json: {expected}"]);
        Errors(node).ShouldNotBeEmpty();
    }

    [Fact]
    public void TheSchemaIsNotLoadedAsAProtocol()
    {
        File.Exists(Path.Combine(TestProtocols.Folder, "protocol.schema.json")).ShouldBeTrue();

        ProtocolLibrary.LoadFromDirectory(TestProtocols.Folder).ProtocolIds.Count.ShouldBe(3);
    }

    /// <summary>Sets (or, for null, removes) the field at a dotted path.</summary>
    private static void Set(JsonObject root, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var parent = root;
        foreach (var part in parts[..^1])
        {
            parent = (parent[part] ??= new JsonObject()).AsObject();
        }

        if (value is null)
        {
            parent.Remove(parts[^1]).ShouldBeTrue($"{path} is not in the file");
        }
        else
        {
            parent[parts[^1]] = value;
        }
    }

    private static List<string> Errors(JsonNode node)
    {
        using var document = JsonDocument.Parse(node.ToJsonString());
        var result = LazySchema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid
            ? []
            : ["invalid", .. (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))];
    }
}
