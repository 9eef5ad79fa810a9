namespace InfusionAudit.Domain.Contract;

/// <summary>
/// Payload of <c>PatientDischarged</c> (contract 1.1): monitoring ended and the patient left the clinic's care; the
/// event's <c>occurredAt</c> is the end of monitoring.
/// </summary>
/// <param name="ReadyToLeaveAt">Optional instant the clinician judged the patient ready to leave (<c>readyToLeaveAt</c>).</param>
public sealed record PatientDischargedPayload(DateTimeOffset? ReadyToLeaveAt) : EventPayload;
