using InfusionAudit.Application.Audit;
using InfusionAudit.Http.Audit;
using Microsoft.AspNetCore.Http;

namespace InfusionAudit.Http;

/// <summary>
/// <c>GET /api/clinics/{clinicId}/rejected?from&amp;to&amp;receivedFrom&amp;receivedTo&amp;pageSize&amp;continuationToken&amp;format</c>:
/// input of a clinic that the contract refused, by the clinical day it occurred on, optionally within a receive window.
/// </summary>
public sealed class AuditRejectedEndpoint(RejectedEventsQueryHandler rejected, PageTokenCodec tokens)
{
    private static readonly string[] Allowed =
        ["from", "to", AuditParameters.ReceivedFromName, AuditParameters.ReceivedToName, AuditParameters.PageSizeName, AuditParameters.ContinuationTokenName, AuditParameters.FormatName];

    public async Task<AuditAnswer> GetAsync(HttpRequest request, string clinicId, CancellationToken cancellationToken)
    {
        var p = new AuditParameters(request, Allowed);
        var clinic = p.RouteId("clinicId", clinicId);
        var range = p.Range();
        var received = p.ReceivedWindow();
        var paging = tokens.ReadPage(request, p);
        if (p.Problem is { } problem)
        {
            return AuditAnswer.Refused(problem);
        }

        var page = await rejected.ListAsync(clinic, range, received.From, received.To, paging.Cursor, paging.Take, cancellationToken);
        return tokens.Answer(paging, page.Rows, page.Next, RejectedEventsQueryHandler.Csv);
    }
}
