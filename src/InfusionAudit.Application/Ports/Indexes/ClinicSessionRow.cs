namespace InfusionAudit.Application.Ports.Indexes;

/// <summary>
/// A session as listed in its clinic's index: what audit list queries filter on and what the compliance report adds
/// up, without opening the session. Every value is a function of the session's evaluation (and, for
/// <paramref name="AdverseEffects"/>, of its events), so the writer rewrites the row only when one of them changes.
/// </summary>
/// <param name="SessionDate">Clinical date: the clinic's local date (its configured time zone) of the session start,
/// or of its first event until the start arrives.</param>
/// <param name="MaxSeverity">Highest active finding severity (<c>info</c>, <c>warning</c>, <c>critical</c>), or null when there is none.</param>
/// <param name="EndReason">The <c>SessionEnded</c> reason (camelCase), once ended.</param>
/// <param name="DeliveredMgPerKg">Delivered dose per weight, set only once the session has ended: while it runs the
/// amount grows with every event, and recording it then would cost an index write per event.</param>
/// <param name="DeliveredMg">Delivered dose, mg, once ended. A fixed-dose protocol's sessions carry this and no
/// <paramref name="DeliveredMgPerKg"/>: their limits are in mg, and mg per weight is a figure nobody prescribed.</param>
/// <param name="CompletedWithinProtocol">Ended as completed, judged against a known protocol version, with no warning
/// or critical dose, rate, duration or protocol finding (docs/audit-api.md).</param>
/// <param name="FindingCounts">Active findings per rule id as a JSON object in ordinal key order, e.g. <c>{"RATE-SOFT":1}</c>.</param>
/// <param name="DischargedAt">End of monitoring (contract 1.1 <c>PatientDischarged</c>), null while the patient was never discharged.</param>
/// <param name="RemsMissing">For a session reported on the esketamine REMS monitoring form: the form fields its record cannot
/// fill, joined by ',' (<c>""</c> when the form is complete); null for any other session.</param>
/// <param name="FirstReceivedAt">When the backend received the session's first event (the lists' receive-time filter).</param>
/// <param name="AdverseEffects">Adverse effects as a JSON object keyed <c>effect|severity</c> (camelCase) in ordinal order.</param>
public sealed record ClinicSessionRow(
    string ClinicId,
    string SessionId,
    DateOnly SessionDate,
    DateTimeOffset? StartedAt,
    string Status,
    string? ProtocolId,
    int? ProtocolVersion,
    string? MaxSeverity,
    int ActiveFindings,
    DateTimeOffset? EndedAt = null,
    string? EndReason = null,
    double? DeliveredMgPerKg = null,
    bool CompletedWithinProtocol = false,
    string? FindingCounts = null,
    string? AdverseEffects = null,
    double? DeliveredMg = null,
    DateTimeOffset? DischargedAt = null,
    string? RemsMissing = null,
    DateTimeOffset? FirstReceivedAt = null)
{
    /// <summary>The row key in the clinic partition: date first so date ranges are key ranges.</summary>
    public string RowKey => $"{SessionDate:yyyyMMdd}|{SessionId}";
}
