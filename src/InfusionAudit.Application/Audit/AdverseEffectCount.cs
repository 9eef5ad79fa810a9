namespace InfusionAudit.Application.Audit;

/// <summary>Adverse effects reported over the report's sessions, per effect and severity (contract spelling).</summary>
public sealed record AdverseEffectCount(string Effect, string Severity, int Count);
