namespace InfusionAudit.Application.Audit;

/// <summary>Active findings of one rule over the report's sessions, and in how many sessions they occur.</summary>
public sealed record RuleFindingCount(string RuleId, int Findings, int Sessions);
