using InfusionAudit.Application;
using InfusionAudit.Application.Audit;
using Microsoft.AspNetCore.Http;

namespace InfusionAudit.Http.Audit;

/// <summary>
/// What a route's handler answers and how many rows of audit data it disclosed: the access log records them for an
/// access-logged route (<see cref="Http.HttpRoute.AccessLogged"/>); other routes answer 0.
/// </summary>
public sealed record AuditAnswer(IResult Result, int Rows)
{
    public static AuditAnswer Refused(IResult problem) => new(problem, 0);

    /// <summary>A list page as JSON (<see cref="AuditPage{T}"/>) or CSV (token in <see cref="CsvResult.ContinuationHeader"/>).</summary>
    public static AuditAnswer Page<T>(AuditFormat format, IReadOnlyList<T> items, string? continuationToken, CsvColumns<T> csv)
    {
        IResult result = format == AuditFormat.Csv
            ? new CsvResult(CsvFormatter.Format(csv.Headers, items.Select(csv.Cells)), continuationToken)
            : Results.Json(new AuditPage<T>(items, items.Count, continuationToken), JsonDefaults.Answers);
        return new AuditAnswer(result, items.Count);
    }
}
