using System.Text.Json;
using Json.Schema;
using InfusionAudit.Domain.Contract;

namespace InfusionAudit.Domain.Tests.Contract;

/// <summary>
/// The example events under Contract/Corpus: <c>valid/*.json</c> must be accepted, <c>invalid/*.json</c> rejected, and
/// each invalid file is named <c>{field}__{rule}__{what}.json</c> after the rejection the parser must report.
/// </summary>
internal static class ContractCorpus
{
    private static readonly Lazy<JsonSchema> LazySchema = new(() => JsonSchema.FromText(ContractSchema.Text));

    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "Contract", "Corpus");

    public static JsonSchema Schema => LazySchema.Value;

    public static IEnumerable<string> Files(string kind) =>
        Directory.EnumerateFiles(Path.Combine(Folder, kind), "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    public static string Read(string kind, string fileName) => File.ReadAllText(Path.Combine(Folder, kind, fileName));

    public static (string Field, string Rule) Expected(string invalidFileName)
    {
        var parts = Path.GetFileNameWithoutExtension(invalidFileName).Split("__");
        return (parts[0], parts[1]);
    }

    /// <summary>The schema's verdict; flag output, the cheapest, is all agreement needs.</summary>
    public static bool SchemaAccepts(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.Flag }).IsValid;
    }
}
