using InfusionAudit.Domain.Alerts;

namespace InfusionAudit.Application.Ports.Alerts;

/// <summary>One row of the by-clinic alert listing: enough to find the alert.</summary>
/// <param name="AlertId">The alert.</param>
/// <param name="SessionId">Its session (its partition).</param>
/// <param name="State">The state it was listed under (null in the all-states listing).</param>
public sealed record AlertListingEntry(string AlertId, string SessionId, AlertState? State);
