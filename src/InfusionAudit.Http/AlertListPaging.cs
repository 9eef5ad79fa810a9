using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using InfusionAudit.Application.Audit;
using InfusionAudit.Http.Audit;
using Microsoft.AspNetCore.Http;

namespace InfusionAudit.Http;

/// <summary>
/// Paging of <c>/api/alerts</c> and <c>/api/silences</c>. Their pages are smaller than audit lists (an alert page reads
/// the session partition of every alert on it), and their continuation token is the storage layer's own, which
/// refuses a token it did not issue with an <see cref="ArgumentException"/> named <see cref="ContinuationTokenName"/>.
/// </summary>
public static class AlertListPaging
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
    public const string PageSizeName = "pageSize";
    public const string ContinuationTokenName = "continuationToken";

    /// <summary>The page size and token of a list request, or the problem that names a bad page size.</summary>
    public static bool TryRead(HttpRequest request, out int pageSize, out string? continuationToken, [NotNullWhen(false)] out IResult? problem)
    {
        pageSize = DefaultPageSize;
        continuationToken = request.Query[ContinuationTokenName].ToString() is { Length: > 0 } token ? token : null;
        problem = null;
        if (request.Query[PageSizeName].ToString() is { Length: > 0 } sizeText
            && (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxPageSize))
        {
            problem = Problems.InvalidParameter(PageSizeName, $"pageSize is a whole number from 1 to {MaxPageSize}.");
            return false;
        }

        return true;
    }

    /// <summary>The answer when storage refused the continuation token.</summary>
    public static AuditAnswer ForeignToken() =>
        AuditAnswer.Refused(Problems.InvalidParameter(ContinuationTokenName, "The continuation token is not one this API issued."));
}
