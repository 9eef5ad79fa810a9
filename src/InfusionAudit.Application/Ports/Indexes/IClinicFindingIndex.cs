using InfusionAudit.Application.Ports.Audit;
using InfusionAudit.Application.Ports.Sessions;

namespace InfusionAudit.Application.Ports.Indexes;

/// <summary>Every finding again, filed by clinic and the clinical date of its session.</summary>
public interface IClinicFindingIndex
{
    /// <summary>Files changed findings and removes the entries of findings whose key moved (detection time or session date).</summary>
    Task WriteAsync(IReadOnlyCollection<FiledFinding> changed, IReadOnlyCollection<FiledFinding> moved, CancellationToken cancellationToken);

    /// <summary>One page of the findings of a clinic's sessions whose clinical date is in [from, to], by session date then detection.</summary>
    Task<StoragePage<SessionFindingRow>> ListPageAsync(string clinicId, DateOnly from, DateOnly to, FindingListFilter filter, StorageCursor? cursor, int take, CancellationToken cancellationToken);
}
