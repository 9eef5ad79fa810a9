using System.Text.Json;
using InfusionAudit.Application.Ports.Audit;
using InfusionAudit.Application.Ports.Indexes;

namespace InfusionAudit.Application.Audit;

/// <summary>Sessions of a clinic in a date range: one key range of the clinic's partition in the clinic index.</summary>
public sealed class ClinicSessionsQueryHandler(IClinicSessionIndex index)
{
    public static CsvColumns<ClinicSessionDocument> Csv { get; } = new(
        ["sessionId", "sessionDate", "startedAt", "endedAt", "status", "endReason", "protocolId", "protocolVersion", "maxSeverity", "activeFindings", "deliveredMgPerKg", "deliveredMg", "completedWithinProtocol", "findingCounts", "dischargedAt"],
        s => [s.SessionId, s.SessionDate, s.StartedAt, s.EndedAt, s.Status, s.EndReason, s.ProtocolId, s.ProtocolVersion, s.MaxSeverity, s.ActiveFindings, s.DeliveredMgPerKg, s.DeliveredMg, s.CompletedWithinProtocol, JsonSerializer.Serialize(s.FindingCounts), s.DischargedAt]);

    public async Task<StoragePage<ClinicSessionDocument>> ListAsync(
        string clinicId,
        DateRange range,
        SessionListFilter filter,
        StorageCursor? cursor,
        int take,
        CancellationToken cancellationToken)
    {
        var page = await index.ListPageAsync(clinicId, range.From, range.To, filter, cursor, take, cancellationToken);
        return new StoragePage<ClinicSessionDocument>([.. page.Rows.Select(ToDocument)], page.Next, page.Requests);
    }

    private static ClinicSessionDocument ToDocument(ClinicSessionRow row) => new(
        row.SessionId,
        row.SessionDate,
        row.StartedAt,
        row.EndedAt,
        JsonNamingPolicy.CamelCase.ConvertName(row.Status),
        row.EndReason,
        row.ProtocolId,
        row.ProtocolVersion,
        row.MaxSeverity,
        row.ActiveFindings,
        ClinicalPrecision.Round(nameof(ClinicSessionDocument.DeliveredMgPerKg), row.DeliveredMgPerKg),
        ClinicalPrecision.Round(nameof(ClinicSessionDocument.DeliveredMg), row.DeliveredMg),
        row.CompletedWithinProtocol,
        Counts(row.FindingCounts),
        row.DischargedAt);

    internal static IReadOnlyDictionary<string, int> Counts(string? json) =>
        string.IsNullOrEmpty(json) ? new Dictionary<string, int>() : JsonSerializer.Deserialize<SortedDictionary<string, int>>(json) ?? [];
}
