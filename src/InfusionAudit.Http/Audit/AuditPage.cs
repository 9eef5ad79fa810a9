using InfusionAudit.Application.Audit;

namespace InfusionAudit.Http.Audit;

/// <summary>One page of an audit list: the rows, how many, and the token of the next page (null on the last).</summary>
public sealed record AuditPage<T>(IReadOnlyList<T> Items, int Count, string? ContinuationToken);
