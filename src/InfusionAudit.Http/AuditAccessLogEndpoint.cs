using InfusionAudit.Application.Audit;
using InfusionAudit.Http.Audit;
using Microsoft.AspNetCore.Http;

namespace InfusionAudit.Http;

/// <summary>
/// <c>GET /api/access-log?date&amp;pageSize&amp;continuationToken&amp;format</c>: who read audit data on a UTC
/// day. Reading the log is itself logged.
/// </summary>
public sealed class AuditAccessLogEndpoint(AccessLogQueryHandler log, PageTokenCodec tokens)
{
    private static readonly string[] Allowed =
        ["date", AuditParameters.PageSizeName, AuditParameters.ContinuationTokenName, AuditParameters.FormatName];

    public async Task<AuditAnswer> GetAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var p = new AuditParameters(request, Allowed);
        var date = p.Date("date");
        var paging = tokens.ReadPage(request, p);
        if (p.Problem is { } problem)
        {
            return AuditAnswer.Refused(problem);
        }

        var page = await log.ListAsync(date, paging.Cursor, paging.Take, cancellationToken);
        return tokens.Answer(paging, page.Rows, page.Next, AccessLogQueryHandler.Csv);
    }
}
