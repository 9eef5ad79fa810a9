using Hl7.Fhir.Model;
using InfusionAudit.Application.Audit;

namespace InfusionAudit.Fhir;

/// <summary>
/// Each alert not yet resolved (open or acknowledged) as an active <c>Flag</c> on the patient: raised at the start of
/// its period, its rule, severity and state (with who acknowledged it) in its code's text, and the <c>DetectedIssue</c>
/// of the finding episode that raised it in the core <c>flag-detail</c> extension. Resolved alerts are history, read
/// from the alert API; they are not flags.
/// </summary>
internal static class FlagMapping
{
    public static void Add(SessionResources bundle, IReadOnlyList<SessionAlertDocument> alerts, IReadOnlyDictionary<(string RuleId, string EpisodeKey), ResourceReference> issues)
    {
        foreach (var alert in alerts.Where(a => !string.Equals(a.State, "resolved", StringComparison.OrdinalIgnoreCase)))
        {
            var state = alert.AcknowledgedAt is { } at
                ? $"acknowledged{(alert.AcknowledgedBy is { } by ? " by " + by : string.Empty)} at {at:O}"
                : alert.State;
            var flag = new Flag
            {
                Id = bundle.IdOf("alert|" + alert.AlertId),
                Status = Flag.FlagStatus.Active,
                Category = [new CodeableConcept(FhirSystems.FlagCategory, "safety", "Safety")],
                Code = new CodeableConcept(FhirSystems.RuleId, alert.RuleId, alert.RuleId, $"{alert.Severity} alert {alert.RuleId}, {state}"),
                Subject = bundle.Patient,
                Period = new Period { StartElement = new FhirDateTime(alert.RaisedAt) },
            };
            flag.Identifier.Add(new Identifier(FhirSystems.Alert, alert.AlertId));
            if (issues.TryGetValue((alert.RuleId, alert.EpisodeKey), out var issue))
            {
                flag.Extension.Add(new Extension(FhirSystems.FlagDetailExtension, new ResourceReference(issue.Reference)));
            }

            bundle.Add(flag);
        }
    }
}
