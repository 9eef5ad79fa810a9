using InfusionAudit.Application.Audit;
using InfusionAudit.Http.Audit;
using Microsoft.AspNetCore.Http;

namespace InfusionAudit.Http;

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
        var paging = tokens.ReadPage(request, p);
        if (p.Problem is { } problem)
        {
            return AuditAnswer.Refused(problem);
        }

        var page = await rejected.ListAsync(clinic, range, paging.Cursor, paging.Take, cancellationToken);
        return tokens.Answer(paging, page.Rows, page.Next, RejectedEventsQueryHandler.Csv);
    }
}
