using InfusionAudit.Application;
using InfusionAudit.Application.Audit;
using InfusionAudit.Http.Audit;
using Microsoft.AspNetCore.Http;

namespace InfusionAudit.Http;

/// <summary><c>GET /api/clinics/{clinicId}/compliance-report?from&amp;to</c>: the compliance report of a clinic.</summary>
public sealed class AuditComplianceReportEndpoint(ComplianceReportHandler reports)
{
    private static readonly string[] Allowed = ["from", "to"];

    public async Task<AuditAnswer> GetAsync(HttpRequest request, string clinicId, CancellationToken cancellationToken)
    {
        var p = new AuditParameters(request, Allowed);
        var clinic = p.RouteId("clinicId", clinicId);
        var range = p.Range();
        if (p.Problem is { } problem)
        {
            return AuditAnswer.Refused(problem);
        }

        var (report, _) = await reports.BuildAsync(clinic, range, cancellationToken);
        return new AuditAnswer(Results.Json(report, JsonDefaults.Answers), report.Sessions.Total);
    }
}
