namespace InfusionAudit.Application.Ports.Audit;

/// <summary>One page of a partition-bounded read.</summary>
/// <param name="Rows">At most the requested number of rows, in key order.</param>
/// <param name="Next">Where the next page starts; null when the query is exhausted.</param>
/// <param name="Requests">Storage requests this page took (tests and benchmarks compare it with the counter).</param>
public sealed record StoragePage<T>(IReadOnlyList<T> Rows, StorageCursor? Next, int Requests);
