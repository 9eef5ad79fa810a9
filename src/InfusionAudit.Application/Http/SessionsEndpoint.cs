using InfusionAudit.Application.Security;
using InfusionAudit.Application.Sessions;
using Microsoft.AspNetCore.Http;

namespace InfusionAudit.Application.Http;

/// <summary><c>GET /api/sessions/{sessionId}</c>: state, events in sequence order and findings of one session.</summary>
public sealed class SessionsEndpoint(SessionQueryHandler sessions, EndpointAuthorization authorization)
{
    public async Task<IResult> GetAsync(HttpRequest request, string sessionId, CancellationToken cancellationToken)
    {
        var (_, denied) = authorization.Authorize(request, CallerRole.Auditor, CallerRole.OnCall);
        if (denied is not null)
        {
            return denied;
        }

        if (!ContractIds.IsValid(sessionId))
        {
            return Problems.InvalidParameter("sessionId", "A session id is 1–64 characters: letters, digits, '.', '_', ':' or '-'.");
        }

        var document = await sessions.GetAsync(sessionId, cancellationToken);
        return document is null
            ? Problems.NotFound($"No session {sessionId} has been received.")
            : Results.Json(document, JsonDefaults.Options);
    }
}
