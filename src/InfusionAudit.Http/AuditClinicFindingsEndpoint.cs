using InfusionAudit.Application.Audit;
using InfusionAudit.Http.Audit;
using InfusionAudit.Application.Ports.Indexes;
using Microsoft.AspNetCore.Http;

namespace InfusionAudit.Http;

/// <summary>
/// <c>GET /api/clinics/{clinicId}/findings?from&amp;to&amp;ruleId&amp;severity&amp;minSeverity&amp;includeRetracted&amp;pageSize&amp;continuationToken&amp;format</c>:
/// findings of the clinic's sessions by clinical session date (the dates the session list and the report use), optionally
/// within a window of detection (receive) times, from the findings index.
/// </summary>
public sealed class AuditClinicFindingsEndpoint(ClinicFindingsQueryHandler findings, PageTokenCodec tokens)
{
    private static readonly string[] Allowed =
        ["from", "to", "ruleId", "severity", "minSeverity", "includeRetracted", AuditParameters.ReceivedFromName, AuditParameters.ReceivedToName, AuditParameters.PageSizeName, AuditParameters.ContinuationTokenName, AuditParameters.FormatName];

    public async Task<AuditAnswer> GetAsync(HttpRequest request, string clinicId, CancellationToken cancellationToken)
    {
        var p = new AuditParameters(request, Allowed);
        var clinic = p.RouteId("clinicId", clinicId);
        var range = p.Range();
        var received = p.ReceivedWindow();
        var filter = new FindingListFilter(
            p.OneOf("ruleId", AuditVocabulary.RuleIdSet, "A rule id of the catalogue (docs/rules.md), e.g. DOSE-OVER-DELIVERY."),
            p.ChoiceText("severity", AuditVocabulary.Severities),
            p.Choice("minSeverity", AuditVocabulary.SeverityRanks),
            p.Flag("includeRetracted"),
            received.From,
            received.To);
        var paging = tokens.ReadPage(request, p);
        if (p.Problem is { } problem)
        {
            return AuditAnswer.Refused(problem);
        }

        var page = await findings.ListAsync(clinic, range, filter, paging.Cursor, paging.Take, cancellationToken);
        return tokens.Answer(paging, page.Rows, page.Next, ClinicFindingsQueryHandler.Csv);
    }
}
