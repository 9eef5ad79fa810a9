using InfusionAudit.Domain.Alerts;

namespace InfusionAudit.Application.Ports.Alerts;

/// <summary>A page of silences, newest first.</summary>
/// <param name="Silences">The silences.</param>
/// <param name="ContinuationToken">Opaque and URL-safe; null on the last page.</param>
public sealed record SilencePage(IReadOnlyList<Silence> Silences, string? ContinuationToken);
