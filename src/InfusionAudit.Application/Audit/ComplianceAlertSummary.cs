namespace InfusionAudit.Application.Audit;

/// <summary>Alerts raised for the report's sessions and how quickly a person acknowledged them.</summary>
/// <param name="MedianSecondsToAcknowledge">Median of acknowledgedAt − raisedAt over acknowledged alerts; null when none was acknowledged.</param>
public sealed record ComplianceAlertSummary(
    int Raised,
    int Acknowledged,
    int Resolved,
    int Open,
    double? MedianSecondsToAcknowledge,
    double? MaxSecondsToAcknowledge);
