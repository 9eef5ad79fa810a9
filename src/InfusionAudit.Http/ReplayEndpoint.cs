using System.Globalization;
using InfusionAudit.Application;
using InfusionAudit.Application.Audit;
using InfusionAudit.Application.Replay;
using InfusionAudit.Application.Sessions;
using InfusionAudit.Http.Audit;
using Microsoft.AspNetCore.Http;

namespace InfusionAudit.Http;

/// <summary>
/// <c>GET /api/sessions/{sessionId}/replay?protocolVersion=N</c>: the session judged again against protocol
/// version N (default: the version it was judged against) beside the stored findings. The clinic as for
/// <see cref="SessionsEndpoint"/>: <c>clinicId</c>, needed when several clinics use the session id.
/// </summary>
public sealed class ReplayEndpoint(ReplayHandler replay, SessionQueryHandler sessions)
{
    public async Task<AuditAnswer> GetAsync(HttpRequest request, string sessionId, CancellationToken cancellationToken)
    {
        var p = new AuditParameters(request, SessionClinic.ClinicIdName, "protocolVersion");
        var id = p.RouteId("sessionId", sessionId);
        var named = p.Id(SessionClinic.ClinicIdName);
        int? version = null;
        if (p.Text("protocolVersion") is { } text)
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < 1)
            {
                p.Fail("protocolVersion", "protocolVersion is a whole number from 1.");
            }

            version = parsed;
        }

        var (clinicId, refused) = await SessionClinic.ResolveAsync(p, sessions, id, named, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        try
        {
            var report = await replay.ReplayAsync(clinicId, id, version, cancellationToken);
            return report is null
                ? AuditAnswer.Refused(Problems.NotFound($"No session {id} has been received."))
                : new AuditAnswer(Results.Json(report, JsonDefaults.Answers), 1);
        }
        catch (ArgumentException ex) when (ex.ParamName == "protocolVersion")
        {
            return AuditAnswer.Refused(Problems.InvalidParameter("protocolVersion", ex.Message));
        }
    }
}
