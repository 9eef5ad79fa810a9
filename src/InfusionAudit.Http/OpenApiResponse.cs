namespace InfusionAudit.Http;

/// <summary>A documented answer: status, meaning, and the content types with the schema each carries.</summary>
/// <param name="Content">Media type → component schema name (null for an unschematised body such as CSV).</param>
public sealed record OpenApiResponse(int Status, string Description, IReadOnlyDictionary<string, string?> Content);
