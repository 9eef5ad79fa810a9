using System.Globalization;
using InfusionAudit.Application.Replay;
using InfusionAudit.Application.Security;
using Microsoft.AspNetCore.Http;

namespace InfusionAudit.Application.Http;

/// <summary>
/// <c>GET /api/sessions/{sessionId}/replay?protocolVersion=N</c> (auditor): the session judged again against protocol
/// version N (default: the version it was judged against) beside the stored findings.
/// </summary>
public sealed class ReplayEndpoint(ReplayHandler replay, EndpointAuthorization authorization)
{
    public async Task<IResult> GetAsync(HttpRequest request, string sessionId, CancellationToken cancellationToken)
    {
        var (_, denied) = authorization.Authorize(request, CallerRole.Auditor);
        if (denied is not null)
        {
            return denied;
        }

        if (!ContractIds.IsValid(sessionId))
        {
            return Problems.InvalidParameter("sessionId", "A session id is 1–64 characters: letters, digits, '.', '_', ':' or '-'.");
        }

        int? version = null;
        if (request.Query.TryGetValue("protocolVersion", out var text))
        {
            if (!int.TryParse(text.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < 1)
            {
                return Problems.InvalidParameter("protocolVersion", "protocolVersion is a whole number from 1.");
            }

            version = parsed;
        }

        try
        {
            var report = await replay.ReplayAsync(sessionId, version, cancellationToken);
            return report is null ? Problems.NotFound($"No session {sessionId} has been received.") : Results.Json(report, JsonDefaults.Options);
        }
        catch (ArgumentException ex) when (ex.ParamName == "protocolVersion")
        {
            return Problems.InvalidParameter("protocolVersion", ex.Message);
        }
    }
}
