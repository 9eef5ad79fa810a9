namespace InfusionAudit.Application.Alerts;

/// <summary>The body of <c>POST /api/silences</c>.</summary>
/// <param name="ClinicId">The clinic to silence.</param>
/// <param name="DeviceId">One device of it, or null for the whole clinic.</param>
/// <param name="StartsAt">Start; now when omitted.</param>
/// <param name="EndsAt">End; at most 7 days after the start.</param>
/// <param name="Reason">Why (auditors read it).</param>
/// <param name="CreatedBy">The person creating it; the key id is recorded as well.</param>
public sealed record SilenceRequest(string? ClinicId, string? DeviceId, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, string? Reason, string? CreatedBy);
