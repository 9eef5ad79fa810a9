namespace InfusionAudit.Storage.Indexes;

/// <summary>A session as listed in its clinic's index: what audit list queries filter on without opening the session.</summary>
/// <param name="SessionDate">UTC date of the session start (or of its first event until the start arrives).</param>
/// <param name="MaxSeverity">Highest active finding severity, or null when there is none.</param>
public sealed record ClinicSessionRow(
    string ClinicId,
    string SessionId,
    DateOnly SessionDate,
    DateTimeOffset? StartedAt,
    string Status,
    string? ProtocolId,
    int? ProtocolVersion,
    string? MaxSeverity,
    int ActiveFindings)
{
    /// <summary>The row key in the clinic partition: date first so date ranges are key ranges.</summary>
    public string RowKey => $"{SessionDate:yyyyMMdd}|{SessionId}";
}
