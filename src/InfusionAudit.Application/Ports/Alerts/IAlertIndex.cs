using InfusionAudit.Application.Ports.Audit;
using InfusionAudit.Domain.Alerts;

namespace InfusionAudit.Application.Ports.Alerts;

/// <summary>What the alert timer and the API find without a scan: the timer's schedule, alert listings by clinic and state, alerts by clinical date.</summary>
public interface IAlertIndex
{
    /// <summary>Sets when the timer of <paramref name="scope"/> next has work for a session.</summary>
    Task ScheduleAsync(string scope, string sessionId, string clinicId, DateTimeOffset dueAt, CancellationToken cancellationToken);

    /// <summary>Sessions whose work is due at <paramref name="now"/>, earliest first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<DueSession>> ListDueAsync(string scope, DateTimeOffset now, int max, CancellationToken cancellationToken);

    /// <summary>Moves a session's due time, or removes it when <paramref name="next"/> is null; a no-op when a writer changed it since it was read.</summary>
    Task RescheduleAsync(string scope, DueSession due, DateTimeOffset? next, CancellationToken cancellationToken);

    /// <summary>Lists an alert under its clinic and under all clinics, in its current state and among all states (idempotent).</summary>
    Task ListAsync(Alert alert, CancellationToken cancellationToken);

    /// <summary>Lists an alert under its current state only.</summary>
    Task ListStateAsync(Alert alert, CancellationToken cancellationToken);

    /// <summary>Removes an alert's listing under a state it left.</summary>
    Task UnlistStateAsync(Alert alert, AlertState state, CancellationToken cancellationToken);

    /// <summary>Lists (or relists, after a change of state) an alert under its session's clinical date.</summary>
    Task ListByDateAsync(Alert alert, DateOnly sessionDate, CancellationToken cancellationToken);

    /// <summary>Removes an alert's listing under a clinical date its session no longer has.</summary>
    Task UnlistDateAsync(Alert alert, DateOnly sessionDate, CancellationToken cancellationToken);

    /// <summary>A page of the alerts of a clinic's sessions whose clinical date is in [from, to], newest date first, optionally in one stored state.</summary>
    Task<StoragePage<AlertDateEntry>> PageByDateAsync(string clinicId, DateOnly from, DateOnly to, AlertState? state, StorageCursor? cursor, int take, CancellationToken cancellationToken);

    /// <summary>A page of a clinic's alerts (every clinic's when <paramref name="clinicId"/> is null), newest first, with each entry's listing key.</summary>
    /// <exception cref="ArgumentException">The continuation token is not one this API issued.</exception>
    Task<(AlertListingPage Page, IReadOnlyList<string> RowKeys)> PageAsync(string? clinicId, AlertState? state, int pageSize, string? continuationToken, CancellationToken cancellationToken);

    /// <summary>The listing key an alert is listed under now: an entry under another key was left by a raise that never committed.</summary>
    string ListingRowKey(Alert alert);

    /// <summary>Removes a listing entry found stale on read (of <paramref name="clinicId"/> or, when null, of the all-clinics listing; under <paramref name="state"/> or, when null, among all states).</summary>
    Task RemoveStaleAsync(string? clinicId, AlertState? state, string rowKey, CancellationToken cancellationToken);
}
