using InfusionAudit.Application.Audit;
using InfusionAudit.Application.Security;
using InfusionAudit.Application.Ports.Rejections;
using InfusionAudit.Http.Audit;
using Microsoft.AspNetCore.Http;

namespace InfusionAudit.Http;

/// <summary>
/// <c>GET /api/clinics/{clinicId}/rejected?from&amp;to&amp;receivedFrom&amp;receivedTo&amp;pageSize&amp;continuationToken&amp;format</c>:
/// input of a clinic that the contract refused, by the clinical day it occurred on, optionally within a receive window
/// (auditors; a producer for the clinics its key or principal is bound to), and <c>GET /api/rejected/unattributed</c>:
/// input that named no readable clinic (admins).
/// </summary>
public sealed class AuditRejectedEndpoint(RejectedEventsQueryHandler rejected, PageTokenCodec tokens)
{
    private static readonly string[] Allowed =
        ["from", "to", AuditParameters.ReceivedFromName, AuditParameters.ReceivedToName, AuditParameters.PageSizeName, AuditParameters.ContinuationTokenName, AuditParameters.FormatName];

    public async Task<AuditAnswer> GetAsync(HttpRequest request, Caller caller, string clinicId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.Roles.Any(r => r is CallerRole.Auditor or CallerRole.Admin) && caller.Clinics is { } bound && !bound.Contains(clinicId))
        {
            // A producer reads its own rejections: those of the clinics it may write for (ProducerBinding).
            return AuditAnswer.Refused(Problems.Forbidden($"This producer is bound to clinic(s) {string.Join(", ", bound.Order(StringComparer.Ordinal))}; it may read only their rejections."));
        }

        return await ListAsync(request, clinicId, cancellationToken);
    }

    /// <summary>Rejections that could not be tied to a clinic (not JSON, no readable clinicId, …): an admin's list.</summary>
    public Task<AuditAnswer> GetUnattributedAsync(HttpRequest request, CancellationToken cancellationToken) =>
        ListAsync(request, RejectedEventRow.UnknownClinic, cancellationToken);

    private async Task<AuditAnswer> ListAsync(HttpRequest request, string clinicId, CancellationToken cancellationToken)
    {
        var p = new AuditParameters(request, Allowed);
        var clinic = clinicId == RejectedEventRow.UnknownClinic ? clinicId : p.RouteId("clinicId", clinicId);
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
