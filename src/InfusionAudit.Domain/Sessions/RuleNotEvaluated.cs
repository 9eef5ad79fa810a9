namespace InfusionAudit.Domain.Sessions;

/// <summary>A rule that could not judge the session, and why.</summary>
/// <param name="RuleId">The rule id.</param>
/// <param name="Reason">What was missing or not believed, in words.</param>
public sealed record RuleNotEvaluated(string RuleId, string Reason);
