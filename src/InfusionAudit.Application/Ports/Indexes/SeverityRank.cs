using InfusionAudit.Domain.Findings;

namespace InfusionAudit.Application.Ports.Indexes;

/// <summary>
/// Severity names as stored, mapped to a number so "severity ≥ X" is one range condition in a table filter
/// (the names themselves do not sort in severity order).
/// </summary>
public static class SeverityRank
{
    /// <summary>0 for none or an unknown name, 1 info, 2 warning, 3 critical.</summary>
    public static int Of(string? severity) => SeverityOrder.Rank(severity);
}
