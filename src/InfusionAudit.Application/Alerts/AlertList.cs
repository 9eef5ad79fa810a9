namespace InfusionAudit.Application.Alerts;

/// <summary>A page of alerts, newest first; pass <paramref name="ContinuationToken"/> back for the next page.</summary>
public sealed record AlertList(IReadOnlyList<AlertView> Items, string? ContinuationToken);
