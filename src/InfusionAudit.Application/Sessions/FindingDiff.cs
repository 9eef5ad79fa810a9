using System.Text.Json;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Application.Ports.Sessions;

namespace InfusionAudit.Application.Sessions;

/// <summary>
/// Compares the findings of a new evaluation with the stored ones. New or changed findings are written; a stored
/// finding the evidence no longer supports (a sequence gap filled by a late event) is kept and marked retracted.
/// </summary>
internal static class FindingDiff
{
    public static (List<SessionFindingRow> Changed, List<Finding> Added) Compare(
        IReadOnlyList<SessionFindingRow> stored,
        IReadOnlyList<Finding> current,
        DateTimeOffset now)
    {
        var storedByKey = stored.ToDictionary(f => (f.RuleId, f.EpisodeKey));
        var changed = new List<SessionFindingRow>();
        var added = new List<Finding>();
        var currentKeys = new HashSet<(string, string)>();
        foreach (var finding in current)
        {
            currentKeys.Add((finding.RuleId, finding.EpisodeKey));
            var row = ToRow(finding);
            if (!storedByKey.TryGetValue((finding.RuleId, finding.EpisodeKey), out var before))
            {
                changed.Add(row);
                added.Add(finding);
            }
            else if (before.RetractedAt is not null)
            {
                changed.Add(row);
                added.Add(finding);
            }
            else if (before != row)
            {
                changed.Add(row);
            }
        }

        foreach (var row in stored)
        {
            if (row.RetractedAt is null && !currentKeys.Contains((row.RuleId, row.EpisodeKey)))
            {
                changed.Add(row with { RetractedAt = now });
            }
        }

        return (changed, added);
    }

    public static SessionFindingRow ToRow(Finding finding) => new(
        finding.SessionId,
        finding.RuleId,
        finding.EpisodeKey,
        finding.Severity.ToString().ToLowerInvariant(),
        finding.ClinicId,
        finding.ProtocolId,
        finding.ProtocolVersion,
        finding.Evidence,
        JsonSerializer.Serialize(finding.EvidenceValues, JsonDefaults.Options),
        finding.TriggerEventId,
        finding.DetectedAt,
        null);
}
