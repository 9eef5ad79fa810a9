using InfusionAudit.Application;
using InfusionAudit.Application.Audit;
using InfusionAudit.Http.Audit;
using Microsoft.AspNetCore.Http;

namespace InfusionAudit.Http;

/// <summary>
/// <c>GET /api/clinics/{clinicId}/rems-forms?from&amp;to&amp;format</c>: the REMS monitoring forms of a clinic's sessions
/// over session dates, for submission: CSV (<c>format=csv</c> or Accept: text/csv, one line per form) or JSON. Not paged:
/// the range is at most <see cref="DateRange.MaxDays"/> days, and each form is one session read.
/// </summary>
public sealed class AuditRemsFormsEndpoint(RemsFormHandler forms)
{
    private static readonly string[] Allowed = ["from", "to", AuditParameters.FormatName];

    public async Task<AuditAnswer> GetAsync(HttpRequest request, string clinicId, CancellationToken cancellationToken)
    {
        var p = new AuditParameters(request, Allowed);
        var clinic = p.RouteId("clinicId", clinicId);
        var range = p.Range();
        var format = AuditFormats.Read(request, p);
        if (p.Problem is { } problem)
        {
            return AuditAnswer.Refused(problem);
        }

        var export = await forms.ExportAsync(clinic, range, cancellationToken);
        var list = export.Forms;
        if (format == AuditFormat.Csv)
        {
            return new AuditAnswer(new CsvResult(CsvFormatter.Format(RemsFormCsv.Columns.Headers, list.Select(RemsFormCsv.Columns.Cells)), null), list.Count);
        }

        var complete = list.Count(f => f.Complete);
        return new AuditAnswer(Results.Json(new RemsFormList(clinic, range.From, range.To, list.Count, complete, list.Count - complete, list), JsonDefaults.Answers), list.Count);
    }
}
