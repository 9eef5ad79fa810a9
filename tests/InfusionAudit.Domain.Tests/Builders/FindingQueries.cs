using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Sessions;

namespace InfusionAudit.Domain.Tests.Builders;

internal static class FindingQueries
{
    public static IReadOnlyList<Finding> Of(this SessionEvaluation evaluation, string ruleId) =>
        [.. evaluation.Findings.Where(f => f.RuleId == ruleId)];

    public static bool Has(this SessionEvaluation evaluation, string ruleId) => evaluation.Findings.Any(f => f.RuleId == ruleId);

    public static Finding Single(this SessionEvaluation evaluation, string ruleId)
    {
        var found = evaluation.Of(ruleId);
        if (found.Count != 1)
        {
            throw new InvalidOperationException(
                $"Expected one {ruleId}, found {found.Count}. All findings:{Environment.NewLine}{Describe(evaluation)}");
        }

        return found[0];
    }

    public static string Describe(this SessionEvaluation evaluation) =>
        string.Join(Environment.NewLine, evaluation.Findings.Select(f => $"{f.RuleId} [{f.EpisodeKey}] {f.Severity} @{f.DetectedAt:O} by {f.TriggerEventId}: {f.Evidence}"));
}
