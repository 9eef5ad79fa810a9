using InfusionAudit.Application.Audit;
using InfusionAudit.Application.Security;
using Microsoft.AspNetCore.Http;

namespace InfusionAudit.Application.Http;

/// <summary><c>GET /api/clinics/{clinicId}/compliance-report?from&amp;to</c> (auditor): the compliance report of a clinic.</summary>
public sealed class AuditComplianceReportEndpoint(AuditReadPipeline pipeline, ComplianceReportHandler reports)
{
    public const string Route = "/api/clinics/{clinicId}/compliance-report";

    private static readonly string[] Allowed = ["from", "to"];

    public Task<IResult> GetAsync(HttpRequest request, string clinicId, CancellationToken cancellationToken) =>
        pipeline.ReadAsync(request, Route, [CallerRole.Auditor], async _ =>
        {
            var p = new AuditParameters(request, Allowed);
            var clinic = p.RouteId("clinicId", clinicId);
            var range = p.Range();
            if (p.Problem is { } problem)
            {
                return AuditAnswer.Refused(problem);
            }

            var (report, _) = await reports.BuildAsync(clinic, range, cancellationToken);
            return new AuditAnswer(Results.Json(report, JsonDefaults.Options), report.Sessions.Total);
        }, cancellationToken);
}
