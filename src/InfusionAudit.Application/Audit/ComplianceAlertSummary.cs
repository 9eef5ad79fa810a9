namespace InfusionAudit.Application.Audit;

/// <summary>Alerts raised in the report's range (UTC days of their raise time) and how quickly a person acknowledged them.</summary>
/// <param name="Raised">Alerts raised in the range.</param>
/// <param name="Acknowledged">Of those, acknowledged and not yet resolved.</param>
/// <param name="Resolved">Of those, resolved (by a person, or automatically).</param>
/// <param name="Open">Of those, neither acknowledged nor resolved.</param>
/// <param name="AcknowledgedByAPerson">Alerts with an acknowledgement time (acknowledged, or acknowledged then resolved).</param>
/// <param name="MedianSecondsToAcknowledge">Median of acknowledgedAt − raisedAt over those, seconds (one decimal); null when none.</param>
/// <param name="MaxSecondsToAcknowledge">The longest such time.</param>
public sealed record ComplianceAlertSummary(
    int Raised,
    int Acknowledged,
    int Resolved,
    int Open,
    int AcknowledgedByAPerson,
    double? MedianSecondsToAcknowledge,
    double? MaxSecondsToAcknowledge);
