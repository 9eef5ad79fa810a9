using InfusionAudit.Application;
using InfusionAudit.Application.Audit;
using InfusionAudit.Http.Audit;
using Microsoft.AspNetCore.Http;

namespace InfusionAudit.Http;

/// <summary>
/// <c>GET /api/clinics/{clinicId}/compliance-report?from&amp;to&amp;format</c>: the compliance report of a clinic, as JSON,
/// as CSV (one row per figure: <see cref="ComplianceReportCsv"/>) or as a printable page (<see cref="ComplianceReportPage"/>).
/// </summary>
public sealed class AuditComplianceReportEndpoint(ComplianceReportHandler reports)
{
    private static readonly string[] Allowed = ["from", "to", AuditParameters.FormatName];

    public async Task<AuditAnswer> GetAsync(HttpRequest request, string clinicId, CancellationToken cancellationToken)
    {
        var p = new AuditParameters(request, Allowed);
        var clinic = p.RouteId("clinicId", clinicId);
        var range = p.Range();
        var format = AuditFormats.ReadWithPage(request, p);
        if (p.Problem is { } problem)
        {
            return AuditAnswer.Refused(problem);
        }

        var (report, _) = await reports.BuildAsync(clinic, range, cancellationToken);
        IResult answer = format switch
        {
            AuditFormat.Csv => new CsvResult(CsvFormatter.Format(ComplianceReportCsv.Headers, ComplianceReportCsv.Rows(report)), null),
            AuditFormat.Html => new HtmlResult(ComplianceReportPage.Render(report)),
            _ => Results.Json(report, JsonDefaults.Answers),
        };
        return new AuditAnswer(answer, report.Sessions.Total);
    }
}
