using Hl7.Fhir.Model;
using InfusionAudit.Application.Audit;

namespace InfusionAudit.Fhir;

/// <summary>
/// A page of the access log as a FHIR R4 <c>searchset</c> Bundle of <c>AuditEvent</c>s (docs/fhir.md): one per audit
/// read, refusals included. Type <c>rest</c> (RESTful operation), action R (read); outcome 0 for 2xx/3xx, 4 for a
/// refusal (4xx), 8 for a server failure (5xx), the status in <c>outcomeDesc</c>; the requestor agent by the caller id
/// the log recorded (a key id or an Entra principal, never a key) and its role; the route template as the entity read,
/// with the path and query parameters and the rows disclosed as its details. The next page is the Bundle's
/// <c>next</c> link. Ids are a function of the row (request id, time, route): the same row exports the same id.
/// </summary>
public static class AuditEventBundleMapper
{
    public static Bundle Map(IReadOnlyList<AccessLogEntryDocument> entries, string selfUrl, string? nextUrl, DateTimeOffset assembledAt)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var bundle = new Bundle
        {
            Id = FhirIds.Uuid($"audit-page|{selfUrl}"),
            Type = Bundle.BundleType.Searchset,
            Timestamp = assembledAt,
        };
        bundle.Link.Add(new Bundle.LinkComponent { Relation = "self", Url = selfUrl });
        if (nextUrl is not null)
        {
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "next", Url = nextUrl });
        }

        foreach (var entry in entries)
        {
            var audit = Map(entry);
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = FhirIds.Urn(IdOf(entry)),
                Resource = audit,
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
            });
        }

        return bundle;
    }

    private static string IdOf(AccessLogEntryDocument entry) => FhirIds.Uuid($"access-log|{entry.RequestId}|{entry.At.UtcTicks}|{entry.Route}");

    internal static AuditEvent Map(AccessLogEntryDocument entry)
    {
        var audit = new AuditEvent
        {
            Id = IdOf(entry),
            Type = new Coding(FhirSystems.AuditEventType, "rest", "RESTful Operation"),
            Action = AuditEvent.AuditEventAction.R,
            Recorded = entry.At,
            Outcome = entry.Status switch
            {
                < 400 => AuditEvent.AuditEventOutcome.N0,
                < 500 => AuditEvent.AuditEventOutcome.N4,
                _ => AuditEvent.AuditEventOutcome.N8,
            },
            OutcomeDesc = $"HTTP {entry.Status}",
            Source = new AuditEvent.SourceComponent
            {
                Site = "InfusionAudit",
                Observer = new ResourceReference { Display = "InfusionAudit audit API (access log)" },
                Type = [new Coding(FhirSystems.SecuritySourceType, "4", "Application Server")],
            },
        };

        var agent = new AuditEvent.AgentComponent
        {
            Who = new ResourceReference { Identifier = new Identifier(FhirSystems.Caller, entry.Caller), Display = entry.Caller },
            Requestor = true,
        };
        if (entry.Role is { } role)
        {
            agent.Role.Add(new CodeableConcept { Text = role });
        }

        audit.Agent.Add(agent);
        audit.Entity.Add(new AuditEvent.EntityComponent
        {
            What = new ResourceReference { Identifier = new Identifier(FhirSystems.Request, entry.RequestId), Display = entry.Route },
            Type = new Coding(FhirSystems.AuditEntityType, "2", "System Object"),
            Description = $"read of {entry.Route}",
            Detail =
            [
                new AuditEvent.DetailComponent { Type = "parameters", Value = new FhirString(entry.Parameters.GetRawText()) },
                new AuditEvent.DetailComponent { Type = "rows", Value = new FhirString(entry.Rows.ToString(System.Globalization.CultureInfo.InvariantCulture)) },
                new AuditEvent.DetailComponent { Type = "requestId", Value = new FhirString(entry.RequestId) },
            ],
        });
        return audit;
    }
}
