using System.Text.Json;
using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Domain.Sessions;

namespace InfusionAudit.Application.Audit;

/// <summary>
/// What the compliance report counts, defined once (docs/audit-api.md repeats it for auditors).
/// A session is <b>completed within protocol</b> when it ended with reason <c>completed</c>, was judged against a known
/// protocol version, and has no active finding of severity warning or critical from the dose (<c>DOSE-*</c>), rate
/// (<c>RATE-*</c>) or duration (<c>DURATION-*</c>) rules, nor <c>PROTOCOL-UNKNOWN</c>. Vital-sign, adverse-effect,
/// observation and record-integrity findings do not count against it: they say how the patient or the device did,
/// not whether the drug was given as the protocol says.
/// </summary>
public static class ComplianceDefinition
{
    /// <summary>True when a finding of this rule (at warning or above) means the drug was not given within protocol.</summary>
    public static bool BreaksProtocol(string ruleId) =>
        ruleId.StartsWith("DOSE-", StringComparison.Ordinal)
        || ruleId.StartsWith("RATE-", StringComparison.Ordinal)
        || ruleId.StartsWith("DURATION-", StringComparison.Ordinal)
        || ruleId == RuleIds.ProtocolUnknown;

    public static bool CompletedWithinProtocol(SessionEvaluation evaluation)
    {
        var state = evaluation.State;
        return state.Status == SessionStatus.Ended
            && state.EndReason == SessionEndReason.Completed
            && state.ProtocolVersion is not null
            && !evaluation.Findings.Any(f => f.Severity >= Severity.Warning && BreaksProtocol(f.RuleId));
    }

    /// <summary>Active findings per rule as a JSON object in ordinal key order (stable text, so unchanged counts compare equal).</summary>
    public static string FindingCounts(IReadOnlyList<Finding> findings)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var finding in findings)
        {
            counts[finding.RuleId] = counts.GetValueOrDefault(finding.RuleId) + 1;
        }

        return JsonSerializer.Serialize(counts);
    }

    /// <summary>Adverse effects of a session as <c>{"effect|severity": n}</c> (camelCase, ordinal order), or null when none.</summary>
    public static string? AdverseEffects(IEnumerable<StoredEvent> events)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var stored in events)
        {
            if (stored.Event.Payload is AdverseEffectObservedPayload ae)
            {
                var key = $"{JsonNamingPolicy.CamelCase.ConvertName(ae.Effect.ToString())}|{JsonNamingPolicy.CamelCase.ConvertName(ae.Severity.ToString())}";
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        return counts.Count == 0 ? null : JsonSerializer.Serialize(counts);
    }
}
