using InfusionAudit.Application.Audit;
using InfusionAudit.Application.Security;
using Microsoft.AspNetCore.Http;

namespace InfusionAudit.Application.Http;

/// <summary>
/// <c>GET /api/clinics/{clinicId}/rejected?from&amp;to&amp;pageSize&amp;continuationToken&amp;format</c> (auditor): input of a
/// clinic that the contract refused, by receive day.
/// </summary>
public sealed class AuditRejectedEndpoint(AuditReadPipeline pipeline, RejectedEventsQueryHandler rejected, PageTokenCodec tokens)
{
    public const string Route = "/api/clinics/{clinicId}/rejected";

    private static readonly string[] Allowed =
        ["from", "to", AuditParameters.PageSizeName, AuditParameters.ContinuationTokenName, AuditParameters.FormatName];

    public Task<IResult> GetAsync(HttpRequest request, string clinicId, CancellationToken cancellationToken) =>
        pipeline.ReadAsync(request, Route, [CallerRole.Auditor], async _ =>
        {
            var p = new AuditParameters(request, Allowed);
            var clinic = p.RouteId("clinicId", clinicId);
            var range = p.Range();
            var take = p.PageSize();
            var format = AuditFormats.Read(request, p);
            var fingerprint = PageTokenCodec.Fingerprint(request);
            var cursor = tokens.Decode(p.ContinuationToken(), fingerprint, p);
            if (p.Problem is { } problem)
            {
                return AuditAnswer.Refused(problem);
            }

            var page = await rejected.ListAsync(clinic, range, cursor, take, cancellationToken);
            return AuditAnswer.Page(format, page.Rows, tokens.Encode(page.Next, fingerprint), RejectedEventsQueryHandler.Csv);
        }, cancellationToken);
}
