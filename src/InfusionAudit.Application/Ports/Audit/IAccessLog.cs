namespace InfusionAudit.Application.Ports.Audit;

/// <summary>Who read which audit data: rows are only ever added, one UTC day read at a time.</summary>
public interface IAccessLog
{
    /// <exception cref="StoreUnavailableException">The row was not stored: the read it records must not be answered.</exception>
    Task AddAsync(AccessLogRow row, CancellationToken cancellationToken);

    Task<StoragePage<AccessLogRow>> ListPageAsync(DateOnly day, StorageCursor? cursor, int take, CancellationToken cancellationToken);
}
