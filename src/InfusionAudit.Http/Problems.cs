using Microsoft.AspNetCore.Http;

namespace InfusionAudit.Http;

/// <summary>RFC 9457 problem answers used by every route.</summary>
public static class Problems
{
    public static IResult Unauthorized() =>
        Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Missing or unknown API key", detail: "Send a valid key in the x-functions-key header.");

    public static IResult Forbidden(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed for this key's role", detail: detail);

    public static IResult InvalidParameter(string parameter, string detail) =>
        Results.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: $"Invalid parameter '{parameter}'",
            detail: detail,
            extensions: new Dictionary<string, object?> { ["parameter"] = parameter });

    public static IResult NotFound(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);

    /// <summary>A session read that names no clinic, for a session id that several clinics use.</summary>
    public static IResult AmbiguousSession(string sessionId, IReadOnlyList<string> clinicIds) =>
        Results.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: "Session id used by several clinics",
            detail: $"Clinics {string.Join(", ", clinicIds)} each have a session {sessionId}. Name one with the clinicId query parameter.",
            extensions: new Dictionary<string, object?> { ["parameter"] = "clinicId", ["clinicIds"] = clinicIds });

    /// <summary>A REMS monitoring form asked of a session it does not apply to.</summary>
    public static IResult RemsFormNotApplicable(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not an intranasal esketamine session", detail: detail);
}
