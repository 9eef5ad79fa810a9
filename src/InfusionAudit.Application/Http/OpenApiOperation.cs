using InfusionAudit.Application.Security;

namespace InfusionAudit.Application.Http;

/// <summary>One documented route.</summary>
/// <param name="Roles">Roles admitted besides admin; null for an anonymous route.</param>
/// <param name="RequestBody">Component schema of the JSON body, or null.</param>
/// <param name="RequestExample">A valid JSON body for the contract test.</param>
/// <param name="LocalHostOnly">Mapped by the local host only (an alias); the Functions app does not serve it.</param>
/// <param name="OptionalBody">The body may be left out.</param>
public sealed record OpenApiOperation(
    string Method,
    string Path,
    string OperationId,
    string Summary,
    IReadOnlyList<CallerRole>? Roles,
    IReadOnlyList<OpenApiParameter> Parameters,
    IReadOnlyList<OpenApiResponse> Responses,
    string? RequestBody = null,
    string? RequestExample = null,
    bool LocalHostOnly = false,
    bool OptionalBody = false);
