namespace InfusionAudit.Application.Ports.Alerts;

/// <summary>A page of the by-clinic alert listing, newest first.</summary>
/// <param name="Entries">The rows.</param>
/// <param name="ContinuationToken">Opaque and URL-safe; null on the last page.</param>
public sealed record AlertListingPage(IReadOnlyList<AlertListingEntry> Entries, string? ContinuationToken);
