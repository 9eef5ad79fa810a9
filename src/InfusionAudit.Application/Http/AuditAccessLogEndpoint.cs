using InfusionAudit.Application.Audit;
using Microsoft.AspNetCore.Http;

namespace InfusionAudit.Application.Http;

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
        var take = p.PageSize();
        var format = AuditFormats.Read(request, p);
        var fingerprint = PageTokenCodec.Fingerprint(request);
        var cursor = tokens.Decode(p.ContinuationToken(), fingerprint, p);
        if (p.Problem is { } problem)
        {
            return AuditAnswer.Refused(problem);
        }

        var page = await log.ListAsync(date, cursor, take, cancellationToken);
        return AuditAnswer.Page(format, page.Rows, tokens.Encode(page.Next, fingerprint), AccessLogQueryHandler.Csv);
    }
}
