using System.Globalization;
using InfusionAudit.Application.Audit;
using InfusionAudit.Application.Replay;
using InfusionAudit.Application.Security;
using Microsoft.AspNetCore.Http;

namespace InfusionAudit.Application.Http;

/// <summary>
/// <c>GET /api/sessions/{sessionId}/replay?protocolVersion=N</c> (auditor): the session judged again against protocol
/// version N (default: the version it was judged against) beside the stored findings. Recorded in the access log.
/// </summary>
public sealed class ReplayEndpoint(ReplayHandler replay, AuditReadPipeline pipeline)
{
    public const string Route = "/api/sessions/{sessionId}/replay";

    public Task<IResult> GetAsync(HttpRequest request, string sessionId, CancellationToken cancellationToken) =>
        pipeline.ReadAsync(request, Route, [CallerRole.Auditor], async _ =>
        {
            var p = new AuditParameters(request, "protocolVersion");
            var id = p.RouteId("sessionId", sessionId);
            int? version = null;
            if (p.Text("protocolVersion") is { } text)
            {
                if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < 1)
                {
                    p.Fail("protocolVersion", "protocolVersion is a whole number from 1.");
                }

                version = parsed;
            }

            if (p.Problem is { } problem)
            {
                return AuditAnswer.Refused(problem);
            }

            try
            {
                var report = await replay.ReplayAsync(id, version, cancellationToken);
                return report is null
                    ? AuditAnswer.Refused(Problems.NotFound($"No session {id} has been received."))
                    : new AuditAnswer(Results.Json(report, JsonDefaults.Options), 1);
            }
            catch (ArgumentException ex) when (ex.ParamName == "protocolVersion")
            {
                return AuditAnswer.Refused(Problems.InvalidParameter("protocolVersion", ex.Message));
            }
        }, cancellationToken);
}
