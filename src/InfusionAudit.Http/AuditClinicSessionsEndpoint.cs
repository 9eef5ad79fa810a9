using InfusionAudit.Application.Audit;
using InfusionAudit.Http.Audit;
using InfusionAudit.Application.Ports.Indexes;
using Microsoft.AspNetCore.Http;

namespace InfusionAudit.Http;

/// <summary>
/// <c>GET /api/clinics/{clinicId}/sessions?from&amp;to&amp;status&amp;protocolId&amp;minSeverity&amp;pageSize&amp;continuationToken&amp;format</c>:
/// sessions of a clinic by clinical session date (the clinic's local start date), optionally within a window of the
/// first event's receive time (<c>receivedFrom</c>, <c>receivedTo</c>), from the clinic index.
/// </summary>
public sealed class AuditClinicSessionsEndpoint(ClinicSessionsQueryHandler sessions, PageTokenCodec tokens)
{
    private static readonly string[] Allowed =
        ["from", "to", "status", "protocolId", "minSeverity", AuditParameters.ReceivedFromName, AuditParameters.ReceivedToName, AuditParameters.PageSizeName, AuditParameters.ContinuationTokenName, AuditParameters.FormatName];

    public async Task<AuditAnswer> GetAsync(HttpRequest request, string clinicId, CancellationToken cancellationToken)
    {
        var p = new AuditParameters(request, Allowed);
        var clinic = p.RouteId("clinicId", clinicId);
        var range = p.Range();
        var received = p.ReceivedWindow();
        var filter = new SessionListFilter(
            p.ChoiceText("status", AuditVocabulary.Statuses),
            p.Id("protocolId"),
            p.Choice("minSeverity", AuditVocabulary.SeverityRanks),
            received.From,
            received.To);
        var paging = tokens.ReadPage(request, p);
        if (p.Problem is { } problem)
        {
            return AuditAnswer.Refused(problem);
        }

        var page = await sessions.ListAsync(clinic, range, filter, paging.Cursor, paging.Take, cancellationToken);
        return tokens.Answer(paging, page.Rows, page.Next, ClinicSessionsQueryHandler.Csv);
    }
}
