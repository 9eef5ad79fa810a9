using InfusionAudit.Application.Ports.Audit;

namespace InfusionAudit.Application.Ports.Indexes;

/// <summary>A clinic's sessions by clinical date, for audit lists and the compliance report.</summary>
public interface IClinicSessionIndex
{
    /// <summary>Writes rows of one clinic and deletes rows whose key moved (<see cref="ClinicSessionRow.RowKey"/> of a changed session date).</summary>
    Task UpsertAsync(string clinicId, IReadOnlyCollection<ClinicSessionRow> rows, IReadOnlyCollection<string> obsoleteRowKeys, CancellationToken cancellationToken);

    /// <summary>One page of a clinic's sessions whose clinical date is in [from, to] and that match <paramref name="filter"/>.</summary>
    Task<StoragePage<ClinicSessionRow>> ListPageAsync(string clinicId, DateOnly from, DateOnly to, SessionListFilter filter, StorageCursor? cursor, int take, CancellationToken cancellationToken);
}
