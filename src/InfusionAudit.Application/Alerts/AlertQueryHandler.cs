using System.Globalization;
using InfusionAudit.Domain.Alerts;
using InfusionAudit.Application.Ports.Alerts;
using InfusionAudit.Application.Ports.Audit;

namespace InfusionAudit.Application.Alerts;

/// <summary>Reads alerts: one by id (its session partition), or a clinic's page from the listing index.</summary>
public sealed class AlertQueryHandler(IAlertPartitionStore repository, IAlertIndex index)
{
    public async Task<AlertView?> GetAsync(string alertId, CancellationToken cancellationToken)
    {
        if (AlertIds.SessionOf(alertId) is not var (clinicId, sessionId))
        {
            return null;
        }

        var partition = await repository.LoadAsync(clinicId, sessionId, cancellationToken);
        return partition.Snapshot.Find(alertId) is { } alert ? AlertView.From(alert, partition) : null;
    }

    /// <summary>
    /// A page of the alerts of a clinic's sessions whose clinical date is in <paramref name="range"/> (the dates the
    /// session lists and the compliance report use), newest date first, newest raise first within a date; the
    /// <paramref name="filter"/> applies to each page read, as in <see cref="ListAsync"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The continuation token is not valid.</exception>
    public async Task<AlertList> ListByDateAsync(
        string clinicId, Audit.DateRange range, AlertState? state, int pageSize, string? continuationToken, CancellationToken cancellationToken, AlertListFilter? filter = null)
    {
        var cursor = DecodeCursor(continuationToken);
        var page = await index.PageByDateAsync(clinicId, range.From, range.To, state, cursor, pageSize, cancellationToken);
        var partitions = await Task.WhenAll(page.Rows.Select(e => e.SessionId).Distinct(StringComparer.Ordinal)
            .Select(id => repository.LoadAsync(clinicId, id, cancellationToken)));
        var bySession = partitions.ToDictionary(p => p.SessionId, StringComparer.Ordinal);
        var items = new List<AlertView>(page.Rows.Count);
        foreach (var entry in page.Rows)
        {
            var partition = bySession[entry.SessionId];

            // A row written for a raise whose commit never happened, or a state the partition has since left.
            if (partition.Snapshot.Find(entry.AlertId) is { } alert && (state is null || alert.State == state) && filter?.Admits(alert) != false)
            {
                items.Add(AlertView.From(alert, partition));
            }
        }

        return new AlertList(items, page.Next is { } next ? ContinuationTokens.Encode(next.Partition.ToString(CultureInfo.InvariantCulture) + "|" + next.Token) : null);
    }

    private static StorageCursor? DecodeCursor(string? continuationToken)
    {
        if (!ContinuationTokens.TryDecode(continuationToken, out var text))
        {
            throw new ArgumentException("The continuation token is not valid.", nameof(continuationToken));
        }

        if (text is null)
        {
            return null;
        }

        var bar = text.IndexOf('|', StringComparison.Ordinal);
        if (bar < 1 || !int.TryParse(text.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out var partition) || partition > 12)
        {
            throw new ArgumentException("The continuation token is not valid.", nameof(continuationToken));
        }

        return new StorageCursor(partition, text.Length > bar + 1 ? text[(bar + 1)..] : null);
    }

    /// <param name="clinicId">The clinic; null: every clinic (the admin's list).</param>
    /// <param name="filter">Severity and escalation: applied to each page read, so a page may hold fewer than <paramref name="pageSize"/> alerts.</param>
    /// <exception cref="ArgumentException">The continuation token is not valid.</exception>
    public async Task<AlertList> ListAsync(string? clinicId, AlertState? state, int pageSize, string? continuationToken, CancellationToken cancellationToken, AlertListFilter? filter = null)
    {
        var (page, rowKeys) = await index.PageAsync(clinicId, state, pageSize, continuationToken, cancellationToken);
        var sessions = page.Entries.Select(e => (Clinic: clinicId ?? AlertIds.SessionOf(e.AlertId)?.ClinicId, e.SessionId))
            .Where(s => s.Clinic is not null).Distinct().ToList();
        var partitions = await Task.WhenAll(sessions.Select(s => repository.LoadAsync(s.Clinic!, s.SessionId, cancellationToken)));
        var bySession = partitions.ToDictionary(p => (p.ClinicId, p.SessionId));
        var items = new List<AlertView>(page.Entries.Count);
        var stale = new List<Task>();
        for (var i = 0; i < page.Entries.Count; i++)
        {
            var entry = page.Entries[i];
            if ((clinicId ?? AlertIds.SessionOf(entry.AlertId)?.ClinicId) is not { } entryClinic
                || bySession[(entryClinic, entry.SessionId)].Snapshot.Find(entry.AlertId) is not { } alert)
            {
                continue;
            }

            var partition = bySession[(entryClinic, entry.SessionId)];

            if (state is { } listed && alert.State != listed)
            {
                // Left behind by a writer that crashed between its commit and the removal of the old row.
                stale.Add(index.RemoveStaleAsync(clinicId, listed, rowKeys[i], cancellationToken));
                continue;
            }

            if (!string.Equals(rowKeys[i], index.ListingRowKey(alert), StringComparison.Ordinal))
            {
                // Written for a raise whose commit never happened (a crash between the listing and the partition);
                // the alert was raised again at another time and is listed under that row.
                stale.Add(index.RemoveStaleAsync(clinicId, state, rowKeys[i], cancellationToken));
                continue;
            }

            if (filter?.Admits(alert) != false)
            {
                items.Add(AlertView.From(alert, partition));
            }
        }

        await Task.WhenAll(stale);
        return new AlertList(items, page.ContinuationToken);
    }
}
