using Microsoft.AspNetCore.Http;

namespace InfusionAudit.Http;

/// <summary>
/// <c>GET /api/openapi.json</c>: the OpenAPI document of every route. Any role may read it (it holds no data, but
/// the brief allows no anonymous route but health, and the document names every route an attacker could try).
/// </summary>
public static class OpenApiEndpoint
{
    private static readonly Lazy<string> Document = new(() => OpenApiDocumentBuilder.Build().ToJsonString());

    public static IResult Get() => Results.Text(Document.Value, "application/json", System.Text.Encoding.UTF8);
}
