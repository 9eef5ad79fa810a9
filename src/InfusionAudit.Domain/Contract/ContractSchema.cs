namespace InfusionAudit.Domain.Contract;

/// <summary>The machine-readable form of device event contract version 1: a JSON Schema (draft 2020-12).</summary>
/// <remarks>
/// Describes one event or an array of 1 to 100 events with the same rules as <see cref="EventParser"/>, except what
/// JSON Schema cannot say: duplicate property names and escaped lone surrogates. Producers can validate their messages
/// with any draft 2020-12 validator; the source file is src/InfusionAudit.Domain/Contract/device-event.v1.schema.json.
/// </remarks>
public static class ContractSchema
{
    /// <summary>The schema's <c>$id</c>.</summary>
    public const string Id = "https://infusionaudit.example/schemas/device-event.v1.json";

    private const string ResourceName = "InfusionAudit.Domain.Contract.device-event.v1.schema.json";

    private static readonly Lazy<string> LazyText = new(ReadResource);

    /// <summary>The schema text, as shipped in the repository.</summary>
    public static string Text => LazyText.Value;

    private static string ReadResource()
    {
        using var stream = typeof(ContractSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the domain assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
