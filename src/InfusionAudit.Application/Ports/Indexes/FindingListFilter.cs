namespace InfusionAudit.Application.Ports.Indexes;

/// <summary>Optional conditions on a clinic's findings; null means "any".</summary>
/// <param name="Severity">Exact stored severity name (<c>info</c>, <c>warning</c>, <c>critical</c>).</param>
/// <param name="MinSeverityRank">At least this <see cref="SeverityRank"/>.</param>
/// <param name="IncludeRetracted">Also findings that later evidence withdrew (kept for the audit trail).</param>
/// <param name="ReceivedFrom">Only findings detected (their trigger received, or a clock rule's condition true) at or after this instant.</param>
/// <param name="ReceivedTo">Only findings detected before this instant.</param>
public sealed record FindingListFilter(string? RuleId = null, string? Severity = null, int? MinSeverityRank = null, bool IncludeRetracted = false, DateTimeOffset? ReceivedFrom = null, DateTimeOffset? ReceivedTo = null);
