using System.Text.Json.Serialization;
using InfusionAudit.Domain.Contract;

namespace InfusionAudit.Domain.Sessions;

/// <summary>
/// The folded state of one session, a pure function of its set of events. Serialisable with System.Text.Json
/// (stored in Table Storage, returned by GET /api/sessions/{id}); every quantity names its unit.
/// Amounts are "so far": the infusion is integrated up to the latest event, never extrapolated to the evaluation time (the
/// dose rules project it; the state stays a function of the events alone). Amounts are null when they cannot be computed.
/// </summary>
public sealed record SessionState
{
    /// <summary>The session id.</summary>
    public required string SessionId { get; init; }

    /// <summary>The clinic (from <c>SessionStarted</c>, else the first event).</summary>
    public required string ClinicId { get; init; }

    /// <summary>Distinct devices that sent events, ordinal order.</summary>
    public required IReadOnlyList<string> DeviceIds { get; init; }

    /// <summary>Where the session stands.</summary>
    public required SessionStatus Status { get; init; }

    /// <summary>Keyed hash of the patient reference, once <c>SessionStarted</c> arrived.</summary>
    public string? PatientRefHash { get; init; }

    /// <summary>Protocol id the session names.</summary>
    public string? ProtocolId { get; init; }

    /// <summary>Protocol version the session was judged against; null when the protocol is unknown or not yet known.</summary>
    public int? ProtocolVersion { get; init; }

    /// <summary>Route of administration.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<Route>))]
    public Route? Route { get; init; }

    /// <summary>Patient weight, kg.</summary>
    public double? WeightKg { get; init; }

    /// <summary>Prescribed dose per weight, mg/kg (as prescribed, or derived from mg ÷ weight).</summary>
    public double? PrescribedDoseMgPerKg { get; init; }

    /// <summary>Prescribed dose, mg (as prescribed, or derived from mg/kg × weight).</summary>
    public double? PrescribedDoseMg { get; init; }

    /// <summary>Planned infusion time, min.</summary>
    public double? PlannedDurationMin { get; init; }

    /// <summary>Infusion concentration, mg/mL.</summary>
    public double? ConcentrationMgPerMl { get; init; }

    /// <summary>Patient age, whole years.</summary>
    public int? PatientAgeYears { get; init; }

    /// <summary><c>SessionStarted</c> occurredAt.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary><c>SessionEnded</c> occurredAt.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary><c>SessionEnded</c> reason.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<SessionEndReason>))]
    public SessionEndReason? EndReason { get; init; }

    /// <summary>
    /// End of monitoring: the first <c>PatientDischarged</c> (contract 1.1), or null while the patient was never
    /// discharged (an auditor sees it in the session list; it is not an alert).
    /// </summary>
    public DateTimeOffset? DischargedAt { get; init; }

    /// <summary>When the clinician judged the patient ready to leave (that discharge's <c>readyToLeaveAt</c>), or null.</summary>
    public DateTimeOffset? ReadyToLeaveAt { get; init; }

    /// <summary>Running stretches at one rate, in time order.</summary>
    public required IReadOnlyList<RateSegment> RateSegments { get; init; }

    /// <summary>Time the pump ran at a non-zero rate, pauses and stops excluded, min.</summary>
    public required double RunningTimeMin { get; init; }

    /// <summary>Time spent paused (an open pause counts up to the latest event), min.</summary>
    public required double PausedTimeMin { get; init; }

    /// <summary>Number of pauses.</summary>
    public required int PauseCount { get; init; }

    /// <summary>Delivered dose so far (infused + discrete), mg; null when the infused part cannot be computed.</summary>
    public double? DeliveredDoseMg { get; init; }

    /// <summary>Delivered dose so far per weight, mg/kg.</summary>
    public double? DeliveredDoseMgPerKg { get; init; }

    /// <summary>Infused dose (∫ rate dt, no segment beyond the protocol's hard maximum duration), mg; null when it cannot be computed.</summary>
    public double? InfusedDoseMg { get; init; }

    /// <summary>Infused volume computed from the rate history, mL.</summary>
    public double? InfusedVolumeMl { get; init; }

    /// <summary>The pump's own cumulative volume at its latest report, mL.</summary>
    public double? LastPumpReportedVolumeMl { get; init; }

    /// <summary>Number of discrete doses.</summary>
    public required int DiscreteDoseCount { get; init; }

    /// <summary>Sum of discrete doses, mg.</summary>
    public required double DiscreteDoseMg { get; init; }

    /// <summary>Earliest occurredAt.</summary>
    public required DateTimeOffset FirstOccurredAt { get; init; }

    /// <summary>Latest occurredAt.</summary>
    public required DateTimeOffset LastOccurredAt { get; init; }

    /// <summary>Earliest receive time.</summary>
    public required DateTimeOffset FirstReceivedAt { get; init; }

    /// <summary>Latest receive time (the silence timer counts from it).</summary>
    public required DateTimeOffset LastEventReceivedAt { get; init; }

    /// <summary>Highest sequence number.</summary>
    public required long LastSequence { get; init; }

    /// <summary>Distinct events (after de-duplication by event id).</summary>
    public required int EventCount { get; init; }

    /// <summary>
    /// Sequence numbers missing between the lowest and the highest received, ascending, at most
    /// <see cref="SessionEngine.MaxListedMissingSequences"/>; when the devices count on their own, those of every device
    /// (<see cref="SequenceGaps"/> says which).
    /// </summary>
    public required IReadOnlyList<long> MissingSequenceNumbers { get; init; }

    /// <summary>How many sequence numbers are missing in all.</summary>
    public required long MissingSequenceCount { get; init; }

    /// <summary>
    /// The rules that could not judge this session and why (e.g. the dose rules when the delivered dose cannot be computed),
    /// ordered by rule id: what could not be checked is said, never silently passed.
    /// </summary>
    public IReadOnlyList<RuleNotEvaluated> RulesNotEvaluated { get; init; } = [];

    /// <summary>The counters with gaps: one per device when the devices count on their own, else one for the session.</summary>
    public IReadOnlyList<DeviceSequenceGaps> SequenceGaps { get; init; } = [];
}
