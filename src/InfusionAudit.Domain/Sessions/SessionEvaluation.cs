using InfusionAudit.Domain.Findings;

namespace InfusionAudit.Domain.Sessions;

/// <summary>The result of <see cref="SessionEngine.Evaluate"/>.</summary>
/// <param name="State">The folded session.</param>
/// <param name="Findings">Every finding, ordered by detection time, rule id, episode key.</param>
public sealed record SessionEvaluation(SessionState State, IReadOnlyList<Finding> Findings);
