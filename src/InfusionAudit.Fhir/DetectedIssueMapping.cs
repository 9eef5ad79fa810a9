using Hl7.Fhir.Model;
using InfusionAudit.Application.Sessions;
using InfusionAudit.Domain.Sessions;

namespace InfusionAudit.Fhir;

/// <summary>
/// Each finding as a <c>DetectedIssue</c>: the rule id as its code, severity critical/warning/info as high/moderate/low,
/// the evidence sentence as its detail, the detection time, the protocol version it was judged against as its
/// reference, the resources its trigger event became as evidence, and as implicated resources those and the
/// administrations of the session. A finding that later evidence withdrew is <c>cancelled</c>, not left out.
/// A rule that could not judge the session (<c>rulesNotEvaluated</c>: e.g. the dose rules when the dose cannot be
/// computed) is a <c>DetectedIssue</c> too, without severity, its reason as detail: what could not be checked is said.
/// </summary>
internal static class DetectedIssueMapping
{
    /// <returns>The DetectedIssue of each finding, by rule id and episode key, for the alerts' flags.</returns>
    public static Dictionary<(string RuleId, string EpisodeKey), ResourceReference> Add(
        SessionResources bundle, IReadOnlyList<SessionFindingDocument> findings, SessionState state)
    {
        var byEpisode = new Dictionary<(string, string), ResourceReference>();
        foreach (var f in findings)
        {
            var issue = new DetectedIssue
            {
                Id = bundle.IdOf($"finding|{f.RuleId}|{f.EpisodeKey}"),
                Status = f.RetractedAt is null ? ObservationStatus.Final : ObservationStatus.Cancelled,
                Code = RuleCode(f.RuleId),
                Severity = SeverityOf(f.Severity),
                Patient = bundle.Patient,
                Identified = new FhirDateTime(f.DetectedAt),
                Detail = f.RetractedAt is { } withdrawn
                    ? $"{f.Evidence} (withdrawn at {withdrawn:O}: later evidence showed the condition was not met)"
                    : f.Evidence,
                Reference = ProtocolUri(f.ProtocolId, f.ProtocolVersion),
            };
            issue.Identifier.Add(new Identifier(FhirSystems.Finding, bundle.Scoped($"{f.RuleId}/{f.EpisodeKey}")));
            var trigger = f.TriggerEventId is { } id ? bundle.OfEvent(id) : [];
            issue.Evidence.Add(new DetectedIssue.EvidenceComponent
            {
                Code = [new CodeableConcept { Text = f.TriggerEventId is { } e ? $"trigger event {e}" : "a clock rule: the condition held at the detection time" }],
                Detail = [.. trigger.Select(Copy)],
            });
            issue.Implicated.AddRange(trigger.Concat(bundle.Administrations).DistinctBy(r => r.Reference).Select(Copy));
            byEpisode[(f.RuleId, f.EpisodeKey)] = bundle.Add(issue);
        }

        foreach (var rule in state.RulesNotEvaluated)
        {
            var issue = new DetectedIssue
            {
                Id = bundle.IdOf("not-evaluated|" + rule.RuleId),
                Status = ObservationStatus.Final,
                Code = RuleCode(rule.RuleId, "could not be evaluated"),
                Patient = bundle.Patient,
                Identified = new FhirDateTime(state.LastEventReceivedAt),
                Detail = $"Rule {rule.RuleId} could not judge this session: {rule.Reason}",
                Reference = ProtocolUri(state.ProtocolId, state.ProtocolVersion),
            };
            issue.Identifier.Add(new Identifier(FhirSystems.RuleNotEvaluated, bundle.Scoped(rule.RuleId)));
            issue.Implicated.AddRange(bundle.Administrations.Select(Copy));
            bundle.Add(issue);
        }

        return byEpisode;
    }

    private static CodeableConcept RuleCode(string ruleId, string? qualifier = null) =>
        new(FhirSystems.RuleId, ruleId, ruleId, qualifier is null ? ruleId : $"{ruleId}: {qualifier}");

    /// <summary>The session's severities; an unknown word is left out rather than mapped to a guess.</summary>
    private static DetectedIssue.DetectedIssueSeverity? SeverityOf(string severity) => severity.ToLowerInvariant() switch
    {
        "critical" => DetectedIssue.DetectedIssueSeverity.High,
        "warning" => DetectedIssue.DetectedIssueSeverity.Moderate,
        "info" => DetectedIssue.DetectedIssueSeverity.Low,
        _ => null,
    };

    /// <summary>The protocol file a finding was judged against, <c>protocols/{id}.v{version}.json</c>, as a URN.</summary>
    private static string? ProtocolUri(string? protocolId, int? version) =>
        protocolId is null ? null
        : $"urn:infusionaudit:protocol:{Uri.EscapeDataString(protocolId)}" + (version is { } v ? $":v{v}" : string.Empty);

    private static ResourceReference Copy(ResourceReference r) => new(r.Reference);
}
