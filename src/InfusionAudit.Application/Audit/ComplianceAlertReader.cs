using InfusionAudit.Domain.Alerts;
using InfusionAudit.Application.Ports.Alerts;
using InfusionAudit.Application.Ports.Audit;

namespace InfusionAudit.Application.Audit;

/// <summary>
/// The alert part of the compliance report: the alerts of the clinic's sessions whose clinical date is in the range,
/// read from the alert listing by date (<see cref="IAlertIndex.PageByDateAsync"/>, one key range per month, one request per
/// 1,000 alerts). Each row carries the alert's state and acknowledgement time, so no alert partition is read; the alert
/// list with the same <c>from</c>/<c>to</c> names the same alerts.
/// </summary>
public sealed class ComplianceAlertReader(IAlertIndex index)
{
    private const int RowsPerRequest = 1000;

    /// <summary>The summary and the storage requests it took.</summary>
    public async Task<(ComplianceAlertSummary Summary, int Requests)> SummariseAsync(string clinicId, DateRange range, CancellationToken cancellationToken)
    {
        var entries = new Dictionary<string, AlertDateEntry>(StringComparer.Ordinal);
        var requests = 0;
        StorageCursor? cursor = null;
        do
        {
            var page = await index.PageByDateAsync(clinicId, range.From, range.To, null, cursor, RowsPerRequest, cancellationToken);
            foreach (var entry in page.Rows)
            {
                entries.TryAdd(entry.AlertId, entry);
            }

            requests += page.Requests;
            cursor = page.Next;
        }
        while (cursor is not null);

        var seconds = entries.Values
            .Where(a => a.AcknowledgedAt is not null)
            .Select(a => (a.AcknowledgedAt!.Value - a.RaisedAt).TotalSeconds)
            .ToList();
        var acknowledged = entries.Values.Count(a => a.State == AlertState.Acknowledged);
        var resolved = entries.Values.Count(a => a.State == AlertState.Resolved);
        var summary = new ComplianceAlertSummary(
            entries.Count,
            acknowledged,
            resolved,
            entries.Count - acknowledged - resolved,
            seconds.Count,
            ComplianceReportHandler.Median(seconds) is { } median ? Math.Round(median, 1) : null,
            seconds.Count == 0 ? null : Math.Round(seconds.Max(), 1));
        return (summary, requests);
    }
}
