using InfusionAudit.Domain.Alerts;
using InfusionAudit.Infrastructure.Storage.Alerts;
using InfusionAudit.Infrastructure.Storage.Audit;

namespace InfusionAudit.Application.Audit;

/// <summary>
/// The alert part of the compliance report: alerts of a clinic raised in the range, read from the alert listing index
/// (one key range per state), and the acknowledgement times of those acknowledged or resolved, read from their
/// sessions' alert partitions (one request per such session; open alerts need none).
/// </summary>
public sealed class ComplianceAlertReader(AlertListingReader listing, AlertRepository alerts)
{
    private const int ParallelReads = 16;

    /// <summary>The summary and the storage requests it took.</summary>
    public async Task<(ComplianceAlertSummary Summary, int Requests)> SummariseAsync(string clinicId, DateRange range, CancellationToken cancellationToken)
    {
        var raised = listing.ListRaisedAsync(clinicId, "all", range.From, range.To, cancellationToken);
        var acknowledged = listing.ListRaisedAsync(clinicId, "acknowledged", range.From, range.To, cancellationToken);
        var resolved = listing.ListRaisedAsync(clinicId, "resolved", range.From, range.To, cancellationToken);
        await Task.WhenAll(raised, acknowledged, resolved);
        var requests = raised.Result.Requests + acknowledged.Result.Requests + resolved.Result.Requests;
        var raisedIds = raised.Result.Entries.Select(e => e.AlertId).ToHashSet(StringComparer.Ordinal);

        // The listing says where an alert was last listed; its partition says where it stands and when it was acknowledged.
        var sessions = acknowledged.Result.Entries.Concat(resolved.Result.Entries)
            .Where(e => raisedIds.Contains(e.AlertId))
            .Select(e => e.SessionId)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var found = new List<Alert>();
        await Parallel.ForEachAsync(sessions, new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = cancellationToken }, async (sessionId, ct) =>
        {
            var partition = await alerts.LoadAsync(clinicId, sessionId, ct);
            lock (found)
            {
                found.AddRange(partition.Alerts.Where(a => raisedIds.Contains(a.AlertId)));
            }
        });
        requests += sessions.Count;

        var seconds = found
            .Where(a => a.AcknowledgedAt is not null)
            .Select(a => (a.AcknowledgedAt!.Value - a.RaisedAt).TotalSeconds)
            .ToList();
        var acknowledgedCount = found.Count(a => a.State == AlertState.Acknowledged);
        var resolvedCount = found.Count(a => a.State == AlertState.Resolved);
        var summary = new ComplianceAlertSummary(
            raisedIds.Count,
            acknowledgedCount,
            resolvedCount,
            raisedIds.Count - acknowledgedCount - resolvedCount,
            seconds.Count,
            ComplianceReportHandler.Median(seconds) is { } median ? Math.Round(median, 1) : null,
            seconds.Count == 0 ? null : Math.Round(seconds.Max(), 1));
        return (summary, requests);
    }
}
