using System.Globalization;
using InfusionAudit.Application.Audit;
using InfusionAudit.Application.Sessions;
using InfusionAudit.Fhir;
using InfusionAudit.Http.Audit;
using Microsoft.AspNetCore.Http;

namespace InfusionAudit.Http;

/// <summary>
/// FHIR R4 export (docs/fhir.md): <c>GET /api/fhir/sessions/{sessionId}?clinicId=</c>, one session as a collection
/// Bundle (the clinic as for <see cref="SessionsEndpoint"/>), and <c>GET /api/fhir/audit-events?date=</c>, a page of the
/// access log as a searchset Bundle of AuditEvents, paged with the access-log API's sealed tokens. Answers are
/// <c>application/fhir+json</c>; refusals stay problem details like every route's.
/// </summary>
public sealed class FhirEndpoint(SessionExportHandler exports, SessionQueryHandler sessions, AccessLogQueryHandler log, PageTokenCodec tokens, TimeProvider clock)
{
    private static readonly string[] AuditEventParameters = ["date", AuditParameters.PageSizeName, AuditParameters.ContinuationTokenName];

    public async Task<AuditAnswer> GetSessionAsync(HttpRequest request, string sessionId, CancellationToken cancellationToken)
    {
        var p = new AuditParameters(request, SessionClinic.ClinicIdName);
        var id = p.RouteId("sessionId", sessionId);
        var named = p.Id(SessionClinic.ClinicIdName);
        var (clinicId, refused) = await SessionClinic.ResolveAsync(p, sessions, id, named, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var export = await exports.GetAsync(clinicId, id, cancellationToken);
        if (export is null)
        {
            return SessionClinic.NotReceived(id, clinicId);
        }

        var bundle = SessionBundleMapper.Map(export, clock.GetUtcNow());
        return new AuditAnswer(Results.Text(FhirJson.Serialize(bundle), FhirJson.MediaType), bundle.Entry.Count);
    }

    public async Task<AuditAnswer> GetAuditEventsAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var p = new AuditParameters(request, AuditEventParameters);
        var date = p.Date("date");
        var take = p.PageSize();
        var fingerprint = PageTokenCodec.Fingerprint(request);
        var cursor = tokens.Decode(p.ContinuationToken(), fingerprint, p);
        if (p.Problem is { } problem)
        {
            return AuditAnswer.Refused(problem);
        }

        var page = await log.ListAsync(date, cursor, take, cancellationToken);
        var path = request.PathBase + request.Path;
        var day = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var next = tokens.Encode(page.Next, fingerprint) is { } token
            ? $"{path}?date={day}&{AuditParameters.PageSizeName}={take}&{AuditParameters.ContinuationTokenName}={Uri.EscapeDataString(token)}"
            : null;
        var bundle = AuditEventBundleMapper.Map(page.Rows, path + request.QueryString, next, clock.GetUtcNow());
        return new AuditAnswer(Results.Text(FhirJson.Serialize(bundle), FhirJson.MediaType), page.Rows.Count);
    }
}
