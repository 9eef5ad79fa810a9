using Microsoft.AspNetCore.Http;

namespace InfusionAudit.Application.Audit;

/// <summary>What an audit read answers and how many rows it disclosed (for the access log).</summary>
public sealed record AuditAnswer(IResult Result, int Rows)
{
    public static AuditAnswer Refused(IResult problem) => new(problem, 0);

    /// <summary>A list page as JSON (<see cref="AuditPage{T}"/>) or CSV (token in <see cref="CsvResult.ContinuationHeader"/>).</summary>
    public static AuditAnswer Page<T>(AuditFormat format, IReadOnlyList<T> items, string? continuationToken, CsvColumns<T> csv)
    {
        IResult result = format == AuditFormat.Csv
            ? new CsvResult(CsvFormatter.Format(csv.Headers, items.Select(csv.Cells)), continuationToken)
            : Results.Json(new AuditPage<T>(items, items.Count, continuationToken), JsonDefaults.Options);
        return new AuditAnswer(result, items.Count);
    }
}
