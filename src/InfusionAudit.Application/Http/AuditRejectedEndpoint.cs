using InfusionAudit.Application.Audit;
using Microsoft.AspNetCore.Http;

namespace InfusionAudit.Application.Http;

/// <summary>
/// <c>GET /api/clinics/{clinicId}/rejected?from&amp;to&amp;pageSize&amp;continuationToken&amp;format</c>: input of a
/// clinic that the contract refused, by receive day.
/// </summary>
public sealed class AuditRejectedEndpoint(RejectedEventsQueryHandler rejected, PageTokenCodec tokens)
{
    private static readonly string[] Allowed =
        ["from", "to", AuditParameters.PageSizeName, AuditParameters.ContinuationTokenName, AuditParameters.FormatName];

    public async Task<AuditAnswer> GetAsync(HttpRequest request, string clinicId, CancellationToken cancellationToken)
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
    }
}
