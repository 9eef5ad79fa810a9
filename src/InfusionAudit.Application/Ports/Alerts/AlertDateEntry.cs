using InfusionAudit.Domain.Alerts;

namespace InfusionAudit.Application.Ports.Alerts;

/// <summary>One row of the alert listing by clinical date: enough to find the alert and to count it in the report.</summary>
/// <param name="SessionDate">The clinical date of the alert's session, the date the session is listed under.</param>
/// <param name="State">Its state as last stored (the alert partition is the truth; a read checks it).</param>
/// <param name="AcknowledgedAt">When a person acknowledged it; null when nobody did.</param>
public sealed record AlertDateEntry(
    string AlertId,
    string SessionId,
    DateOnly SessionDate,
    AlertState State,
    DateTimeOffset RaisedAt,
    DateTimeOffset? AcknowledgedAt);
