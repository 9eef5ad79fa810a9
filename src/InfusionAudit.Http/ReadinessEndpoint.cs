using InfusionAudit.Application;
using InfusionAudit.Application.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace InfusionAudit.Http;

/// <summary>
/// <c>GET /api/health/ready</c>, anonymous like liveness: 200 when the tables, the event queues and every configured
/// alert transport answer, else 503; the body lists each check either way.
/// </summary>
public sealed class ReadinessEndpoint(ReadinessHandler handler)
{
    public async Task<IResult> GetAsync(CancellationToken cancellationToken)
    {
        var report = await handler.CheckAsync(cancellationToken);
        return Results.Json(report, JsonDefaults.Answers, statusCode: report.Ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
