using System.Text.Json;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Application.Ports.Audit;
using InfusionAudit.Application.Ports.Indexes;

namespace InfusionAudit.Application.Audit;

/// <summary>
/// Builds the compliance report from the clinic index alone: the writer keeps each session's outcome, finding counts,
/// adverse effects and delivered dose on its index row, so a month of a busy clinic is one key range of one partition
/// (one request per 1,000 sessions), not a read of every session. Alerts come from the alert listing index
/// (<see cref="ComplianceAlertReader"/>).
/// </summary>
public sealed class ComplianceReportHandler(IClinicSessionIndex index, ComplianceAlertReader alerts, TimeProvider clock)
{
    private const int RowsPerRequest = 1000;

    /// <summary>The report and the storage requests it took.</summary>
    public async Task<(ComplianceReport Report, int Requests)> BuildAsync(string clinicId, DateRange range, CancellationToken cancellationToken)
    {
        var alertSummary = alerts.SummariseAsync(clinicId, range, cancellationToken);
        var rows = new List<ClinicSessionRow>();
        var requests = 0;
        StorageCursor? cursor = null;
        do
        {
            var page = await index.ListPageAsync(clinicId, range.From, range.To, new SessionListFilter(), cursor, RowsPerRequest, cancellationToken);
            rows.AddRange(page.Rows);
            requests += page.Requests;
            cursor = page.Next;
        }
        while (cursor is not null);

        var (alertPart, alertRequests) = await alertSummary;
        return (Summarise(clinicId, range, rows, clock.GetUtcNow(), alertPart), requests + alertRequests);
    }

    /// <summary>The report over a set of clinic index rows.</summary>
    private static ComplianceReport Summarise(
        string clinicId,
        DateRange range,
        IReadOnlyCollection<ClinicSessionRow> rows,
        DateTimeOffset generatedAt,
        ComplianceAlertSummary alerts)
    {
        var byStatus = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var endReasons = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var findings = new Dictionary<string, (int Findings, int Sessions)>(StringComparer.Ordinal);
        var weekly = new Dictionary<(string Week, DateOnly Monday, string Rule), int>();
        var effects = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var doses = new SortedDictionary<(string ProtocolId, string Unit), List<double>>(
            Comparer<(string ProtocolId, string Unit)>.Create((a, b) => string.CompareOrdinal(a.ProtocolId, b.ProtocolId) is var c and not 0 ? c : string.CompareOrdinal(a.Unit, b.Unit)));
        int ended = 0, within = 0, notDischarged = 0;
        foreach (var row in rows)
        {
            var status = JsonNamingPolicy.CamelCase.ConvertName(row.Status);
            byStatus[status] = byStatus.GetValueOrDefault(status) + 1;
            if (row.Status == "Ended")
            {
                ended++;
                notDischarged += row.DischargedAt is null ? 1 : 0;
                var reason = row.EndReason ?? "unknown";
                endReasons[reason] = endReasons.GetValueOrDefault(reason) + 1;
                if (row.CompletedWithinProtocol)
                {
                    within++;
                }

                // A fixed-dose protocol's row carries mg only (SessionIndexWriter.ClinicRow).
                var dose = row.DeliveredMgPerKg is { } mgPerKg ? (Value: mgPerKg, Unit: MgPerKg)
                    : row.DeliveredMg is { } mg ? (Value: mg, Unit: Mg)
                    : (Value: double.NaN, Unit: MgPerKg);
                if (row.ProtocolId is { } protocolId && double.IsFinite(dose.Value))
                {
                    if (!doses.TryGetValue((protocolId, dose.Unit), out var list))
                    {
                        doses[(protocolId, dose.Unit)] = list = [];
                    }

                    list.Add(dose.Value);
                }
            }

            var (week, monday) = RuleWeekFindingCount.WeekOf(row.SessionDate);
            foreach (var (ruleId, count) in ClinicSessionsQueryHandler.Counts(row.FindingCounts))
            {
                var (f, s) = findings.GetValueOrDefault(ruleId);
                findings[ruleId] = (f + count, s + 1);
                weekly[(week, monday, ruleId)] = weekly.GetValueOrDefault((week, monday, ruleId)) + count;
            }

            foreach (var (key, count) in ClinicSessionsQueryHandler.Counts(row.AdverseEffects))
            {
                effects[key] = effects.GetValueOrDefault(key) + count;
            }
        }

        var catalogue = RuleIds.All.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
        var perRule = findings
            .OrderBy(f => catalogue.GetValueOrDefault(f.Key, int.MaxValue))
            .ThenBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => new RuleFindingCount(f.Key, f.Value.Findings, f.Value.Sessions))
            .ToList();
        var perWeek = weekly
            .Where(w => w.Value > 0)
            .OrderBy(w => w.Key.Monday)
            .ThenBy(w => catalogue.GetValueOrDefault(w.Key.Rule, int.MaxValue))
            .ThenBy(w => w.Key.Rule, StringComparer.Ordinal)
            .Select(w => new RuleWeekFindingCount(w.Key.Week, w.Key.Monday, w.Key.Rule, w.Value))
            .ToList();
        var adverse = effects
            .Select(e => e.Key.Split('|') is [var effect, var severity] ? new AdverseEffectCount(effect, severity, e.Value) : new AdverseEffectCount(e.Key, "unknown", e.Value))
            .ToList();
        var delivered = doses.Select(d => Dose(d.Key.ProtocolId, d.Key.Unit, d.Value)).ToList();
        var sessions = new ComplianceSessionSummary(
            rows.Count,
            byStatus,
            ended,
            endReasons,
            within,
            ended == 0 ? null : ClinicalPrecision.Round(100.0 * within / ended, 1),
            notDischarged);
        return new ComplianceReport(clinicId, range.From, range.To, generatedAt, sessions, perRule, adverse, delivered, alerts, Gaps: [])
        {
            Clinical = ClinicalComplianceSummary.Of(rows),
            FindingsPerWeek = perWeek,
        };
    }

    /// <summary>Exact median (mean of the middle pair for an even count) and range.</summary>
    public static double? Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private const string MgPerKg = "mg/kg";
    private const string Mg = "mg";

    private static ProtocolDoseSummary Dose(string protocolId, string unit, List<double> values)
    {
        var name = unit == Mg ? nameof(ProtocolDoseSummary.MedianMg) : nameof(ProtocolDoseSummary.MedianMgPerKg);
        double median = ClinicalPrecision.Round(name, Median(values)!.Value), min = ClinicalPrecision.Round(name, values.Min()), max = ClinicalPrecision.Round(name, values.Max());
        return unit == Mg
            ? new ProtocolDoseSummary(protocolId, values.Count, unit, null, null, null, median, min, max)
            : new ProtocolDoseSummary(protocolId, values.Count, unit, median, min, max);
    }
}
