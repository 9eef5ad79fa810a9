using InfusionAudit.Application.Ingestion;
using InfusionAudit.Domain.Sessions;

namespace InfusionAudit.Application.Sessions;

/// <summary>What one session's share of a message did: per-event outcomes and, when something changed, the new evaluation.</summary>
/// <param name="Evaluation">The evaluation that was stored, or null when nothing new was written.</param>
/// <param name="NewFindings">Findings first stored by this write (what alerting reacts to).</param>
public sealed record SessionCommitResult(
    IReadOnlyList<EventOutcome> Outcomes,
    SessionEvaluation? Evaluation,
    IReadOnlyList<Domain.Findings.Finding> NewFindings);
