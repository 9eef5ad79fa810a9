using InfusionAudit.Domain.Alerts;
using InfusionAudit.Domain.Findings;

namespace InfusionAudit.Application.Alerts;

/// <summary>What an alert list keeps besides the state: one severity, escalated or not; null fields keep every alert.</summary>
/// <param name="Severity">Only alerts of this severity.</param>
/// <param name="Escalated">True: only alerts that were escalated; false: only those that were not.</param>
public sealed record AlertListFilter(Severity? Severity, bool? Escalated)
{
    public bool Admits(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return (Severity is not { } severity || alert.Severity == severity)
            && (Escalated is not { } escalated || alert.EscalatedAt is not null == escalated);
    }
}
