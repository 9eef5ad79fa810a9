using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Sessions;

namespace InfusionAudit.Application.Alerts;

/// <summary>What a session write hands to alerting before it commits.</summary>
/// <param name="SessionId">The session.</param>
/// <param name="Evaluation">The evaluation about to be stored.</param>
/// <param name="NewFindings">Findings first stored by this write.</param>
/// <param name="Events">Every event of the session (to name the device behind a finding).</param>
/// <param name="WasEnded">True when the stored state already showed the session ended before this write.</param>
/// <param name="RevisesAlertingFindings">
/// True when this write changes or withdraws a stored critical or warning finding: a page held for its missing events
/// (<see cref="Domain.Alerts.PendingAlert"/>) is settled by such a write.
/// </param>
public sealed record AlertRaiseRequest(
    string SessionId,
    SessionEvaluation Evaluation,
    IReadOnlyList<Finding> NewFindings,
    IReadOnlyCollection<StoredEvent> Events,
    bool WasEnded,
    bool RevisesAlertingFindings = false);
