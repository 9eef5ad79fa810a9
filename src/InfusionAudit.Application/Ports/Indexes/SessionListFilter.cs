namespace InfusionAudit.Application.Ports.Indexes;

/// <summary>Optional conditions on a clinic's session list; null means "any".</summary>
/// <param name="Status">Stored status name, e.g. <c>Ended</c>.</param>
/// <param name="MinSeverityRank">Only sessions whose highest active finding is at least this <see cref="SeverityRank"/>.</param>
/// <param name="ReceivedFrom">Only sessions whose first event was received at or after this instant.</param>
/// <param name="ReceivedTo">Only sessions whose first event was received before this instant.</param>
public sealed record SessionListFilter(string? Status = null, string? ProtocolId = null, int? MinSeverityRank = null, DateTimeOffset? ReceivedFrom = null, DateTimeOffset? ReceivedTo = null);
