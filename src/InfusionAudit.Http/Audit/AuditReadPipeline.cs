using System.Text.Json;
using InfusionAudit.Application.Audit;
using InfusionAudit.Application.Security;
using InfusionAudit.Application.Telemetry;
using InfusionAudit.Http;
using InfusionAudit.Http.Security;
using InfusionAudit.Application.Ports;
using InfusionAudit.Application.Ports.Audit;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace InfusionAudit.Http.Audit;

/// <summary>
/// Every audit read goes through here: authenticate and check the role, run the read, then record who read what and
/// how many rows in the access log before the answer leaves. If the access log cannot be written, the data is not
/// sent (503): an unrecorded read must not happen. A refused parameter (400) is recorded too; refused callers (401,
/// 403) are counted by a metric and only sampled into the log (<see cref="RefusalSampler"/>), so that nobody can
/// flood the access log without a key.
/// </summary>
public sealed partial class AuditReadPipeline(
    EndpointAuthorization authorization,
    IAccessLog accessLog,
    RefusalSampler refusals,
    TimeProvider clock,
    ILogger<AuditReadPipeline> logger)
{
    private const int MaxLoggedValueChars = 256;
    private const int MaxLoggedTokenChars = 64;
    /// <summary>Who an unauthenticated caller was: a key nobody holds (a typo, a revoked key, a guess) or no key at all.</summary>
    public const string UnknownKeyName = "unknown-key";

    /// <summary>The access log's caller for a request without any key or principal.</summary>
    public const string AnonymousName = "anonymous";

    private const int MaxLoggedParameters = 32;

    /// <param name="route">The route template, as documented (e.g. <c>/api/clinics/{clinicId}/findings</c>).</param>
    /// <param name="roles">Roles admitted besides admin.</param>
    /// <param name="read">The read itself, given the authenticated caller.</param>
    public async Task<IResult> ReadAsync(HttpRequest request, string route, CallerRole[] roles, Func<Caller, Task<AuditAnswer>> read, CancellationToken cancellationToken)
    {
        var (caller, denied) = authorization.Authorize(request, roles);
        var answer = denied is not null ? AuditAnswer.Refused(denied) : await read(caller!);
        var status = (answer.Result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK;
        var callerName = caller?.KeyId ?? UnauthenticatedName(request);
        if (denied is not null)
        {
            var sampled = refusals.ShouldRecord(callerName, route, status);
            InfusionAuditTelemetry.RecordRefusal(route, status, sampled);
            if (!sampled)
            {
                return answer.Result;
            }
        }

        var row = new AccessLogRow(
            clock.GetUtcNow(),
            callerName,
            caller is null ? null : JsonNamingPolicy.CamelCase.ConvertName(caller.Role.ToString()),
            route,
            Parameters(request),
            status,
            answer.Rows,
            Guid.NewGuid().ToString("N"));
        try
        {
            await accessLog.AddAsync(row, cancellationToken);
        }
        catch (Exception ex) when (ex is StoreUnavailableException or HttpRequestException)
        {
            LogAccessLogDown(logger, ex, route);
            return Results.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Access log unavailable",
                detail: "Audit data is only served when the read can be recorded; try again shortly.");
        }

        return answer.Result;
    }

    /// <summary>The request path and query as a JSON object; long values cut, tokens shortened (they carry no meaning to a reader).</summary>
    internal static string Parameters(HttpRequest request)
    {
        var query = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in request.Query.Take(MaxLoggedParameters))
        {
            var limit = name == AuditParameters.ContinuationTokenName ? MaxLoggedTokenChars : MaxLoggedValueChars;
            query[Cut(name, MaxLoggedTokenChars)] = Cut(string.Join(",", values.ToArray()), limit);
        }

        return JsonSerializer.Serialize(new { path = Cut(WithoutPatient(request.Path.Value ?? string.Empty), MaxLoggedValueChars), query });
    }

    // The course route carries a patient in its path: the log keeps neither a hash nor whatever else was typed there
    // (a clear reference, refused with a 400, must not land in the access log either).
    private static string WithoutPatient(string path)
    {
        const string prefix = "/api/patients/";
        if (!path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return path;
        }

        var end = path.IndexOf('/', prefix.Length);
        return prefix + PatientHashRedaction.Replacement + (end < 0 ? string.Empty : path[end..]);
    }

    // A wrong key and no key call for different actions (rotate a client's key / fix a client that sends none); the
    // key itself is never logged, not even hashed: a near-miss of a real key must not leak it.
    private static string UnauthenticatedName(HttpRequest request) =>
        request.Headers[ApiKeyAuthenticator.HeaderName].FirstOrDefault() is { Length: > 0 } ? UnknownKeyName : AnonymousName;

    private static string Cut(string value, int limit) => value.Length <= limit ? value : value[..limit] + "…";

    [LoggerMessage(Level = LogLevel.Error, Message = "Access log could not be written; refusing the audit read of {Route}")]
    private static partial void LogAccessLogDown(ILogger logger, Exception exception, string route);
}
