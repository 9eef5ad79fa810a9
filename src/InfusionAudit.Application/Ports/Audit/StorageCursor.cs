namespace InfusionAudit.Application.Ports.Audit;

/// <summary>
/// Where a paged read stopped: which of the query's partitions (in query order) and the SDK's continuation token
/// inside it. The application wraps it in an opaque, query-bound token; storage never sees user input here.
/// </summary>
/// <param name="Partition">Index into the query's partition list (0-based).</param>
/// <param name="Token">The Tables SDK continuation token inside that partition, or null to start at its beginning.</param>
public sealed record StorageCursor(int Partition, string? Token);
