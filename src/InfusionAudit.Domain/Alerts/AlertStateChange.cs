namespace InfusionAudit.Domain.Alerts;

/// <summary>One entry of an alert's history.</summary>
/// <param name="At">When it happened.</param>
/// <param name="State">The state after the change (unchanged for escalation and suppression entries).</param>
/// <param name="By">Who: a person's name as given, or <c>system</c>.</param>
/// <param name="Via">The API key id the person used (never the key), or null for the system.</param>
/// <param name="Note">Why: the reason, or what the system did (raised, suppressed, escalated).</param>
public sealed record AlertStateChange(DateTimeOffset At, AlertState State, string By, string? Via, string Note);
