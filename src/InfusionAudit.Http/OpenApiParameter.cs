using System.Text.Json.Nodes;

namespace InfusionAudit.Http;

/// <summary>A path or query parameter of a documented route, with an example the contract test calls the route with.</summary>
/// <param name="In"><c>path</c> or <c>query</c>.</param>
/// <param name="Schema">JSON Schema of the value.</param>
/// <param name="Example">A valid value; path examples may be placeholders a test replaces with data it created.</param>
public sealed record OpenApiParameter(string Name, string In, bool Required, JsonObject Schema, string Description, string? Example = null);
