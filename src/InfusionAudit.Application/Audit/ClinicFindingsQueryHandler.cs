using System.Text.Json;
using InfusionAudit.Application.Ports.Audit;
using InfusionAudit.Application.Ports.Indexes;
using InfusionAudit.Application.Ports.Sessions;

namespace InfusionAudit.Application.Audit;

/// <summary>Findings of a clinic detected in a date range: key ranges of the clinic's month partitions in the findings index.</summary>
public sealed class ClinicFindingsQueryHandler(IClinicFindingIndex index)
{
    public static CsvColumns<ClinicFindingDocument> Csv { get; } = new(
        ["sessionId", "ruleId", "severity", "episodeKey", "protocolId", "protocolVersion", "evidence", "evidenceValues", "triggerEventId", "detectedAt", "retractedAt"],
        f => [f.SessionId, f.RuleId, f.Severity, f.EpisodeKey, f.ProtocolId, f.ProtocolVersion, f.Evidence, f.EvidenceValues.GetRawText(), f.TriggerEventId, f.DetectedAt, f.RetractedAt]);

    public async Task<StoragePage<ClinicFindingDocument>> ListAsync(
        string clinicId,
        DateRange range,
        FindingListFilter filter,
        StorageCursor? cursor,
        int take,
        CancellationToken cancellationToken)
    {
        var page = await index.ListPageAsync(clinicId, range.From, range.To, filter, cursor, take, cancellationToken);
        return new StoragePage<ClinicFindingDocument>([.. page.Rows.Select(ToDocument)], page.Next, page.Requests);
    }

    private static ClinicFindingDocument ToDocument(SessionFindingRow f)
    {
        using var values = JsonDocument.Parse(f.EvidenceValuesJson);
        return new ClinicFindingDocument(
            f.SessionId,
            f.RuleId,
            f.Severity,
            f.EpisodeKey,
            f.ProtocolId,
            f.ProtocolVersion,
            PatientHashRedaction.Redact(f.Evidence),
            RoundedValues(values.RootElement),
            f.TriggerEventId,
            f.DetectedAt,
            f.RetractedAt);
    }

    /// <summary>The stored evidence values (full precision) as shown: each rounded by the unit in its name, so JSON and CSV agree.</summary>
    private static JsonElement RoundedValues(JsonElement stored)
    {
        if (stored.ValueKind != JsonValueKind.Object)
        {
            return stored.Clone();
        }

        var rounded = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var value in stored.EnumerateObject())
        {
            if (value.Value.ValueKind != JsonValueKind.Number)
            {
                return stored.Clone();
            }

            rounded[value.Name] = ClinicalPrecision.Round(value.Name, value.Value.GetDouble());
        }

        return JsonSerializer.SerializeToElement(rounded);
    }
}
