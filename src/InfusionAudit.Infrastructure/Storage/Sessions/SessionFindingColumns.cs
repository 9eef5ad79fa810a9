using Azure.Data.Tables;

namespace InfusionAudit.Infrastructure.Storage.Sessions;

/// <summary>
/// The columns of a <see cref="SessionFindingRow"/>, as both tables that hold findings store them: the session's
/// partition in <see cref="TableNames.Sessions"/> and <see cref="TableNames.FindingsByClinic"/>. Keys and the index's
/// own query columns stay with each table.
/// </summary>
internal static class SessionFindingColumns
{
    public static void Write(TableEntity entity, SessionFindingRow row)
    {
        entity["RuleId"] = row.RuleId;
        entity["EpisodeKey"] = row.EpisodeKey;
        entity["Severity"] = row.Severity;
        entity["ClinicId"] = row.ClinicId;
        entity["ProtocolId"] = row.ProtocolId;
        entity["ProtocolVersion"] = row.ProtocolVersion;
        entity["Evidence"] = row.Evidence;
        entity["EvidenceValuesJson"] = row.EvidenceValuesJson;
        entity["TriggerEventId"] = row.TriggerEventId;
        entity["DetectedAt"] = row.DetectedAt;
        entity["RetractedAt"] = row.RetractedAt;
    }

    public static SessionFindingRow Read(TableEntity entity, string sessionId) => new(
        sessionId,
        entity.GetString("RuleId") ?? string.Empty,
        entity.GetString("EpisodeKey") ?? string.Empty,
        entity.GetString("Severity") ?? string.Empty,
        entity.GetString("ClinicId") ?? string.Empty,
        entity.GetString("ProtocolId"),
        entity.GetInt32("ProtocolVersion"),
        entity.GetString("Evidence") ?? string.Empty,
        entity.GetString("EvidenceValuesJson") ?? "{}",
        entity.GetString("TriggerEventId"),
        entity.GetDateTimeOffset("DetectedAt") ?? default,
        entity.GetDateTimeOffset("RetractedAt"));
}
