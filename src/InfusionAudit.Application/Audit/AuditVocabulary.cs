using InfusionAudit.Domain.Findings;

namespace InfusionAudit.Application.Audit;

/// <summary>The closed sets audit parameters take, as clients spell them, mapped to what storage holds.</summary>
public static class AuditVocabulary
{
    /// <summary>Session status, camelCase as in session documents → stored name.</summary>
    public static IReadOnlyDictionary<string, string> Statuses { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["awaitingStart"] = "AwaitingStart",
        ["running"] = "Running",
        ["paused"] = "Paused",
        ["ended"] = "Ended",
    };

    /// <summary>Severity names → rank (<see cref="SeverityOrder"/>, as the index tables store it).</summary>
    public static IReadOnlyDictionary<string, int> SeverityRanks { get; } = SeverityOrder.Names.ToDictionary(n => n, SeverityOrder.Rank, StringComparer.Ordinal);

    /// <summary>Severity names as stored on findings.</summary>
    public static IReadOnlyDictionary<string, string> Severities { get; } = SeverityOrder.Names.ToDictionary(n => n, n => n, StringComparer.Ordinal);

    /// <summary>Rule ids of the catalogue.</summary>
    public static IReadOnlyCollection<string> RuleIdSet { get; } = RuleIds.All.ToHashSet(StringComparer.Ordinal);
}
