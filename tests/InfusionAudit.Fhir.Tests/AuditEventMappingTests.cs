using Hl7.Fhir.Model;

namespace InfusionAudit.Fhir.Tests;

/// <summary>Access-log rows as AuditEvents: who, when, what was read, the outcome, the rows disclosed.</summary>
public sealed class AuditEventMappingTests
{
    [Fact]
    public void EachRowIsAnAuditEventOfItsCallerRouteAndOutcome()
    {
        var rows = AccessLogRows.Three();
        var bundle = AuditEventBundleMapper.Map(rows, "/api/fhir/audit-events?date=2026-03-02", null, Scenarios.Start.AddHours(2));
        var events = bundle.Entry.Select(e => e.Resource).Cast<AuditEvent>().ToList();

        bundle.Type.ShouldBe(Bundle.BundleType.Searchset);
        bundle.Link.Select(l => l.RelationString).ShouldBe(["self"], "no next link on the last page");
        events.Select(e => e.Outcome).ShouldBe([AuditEvent.AuditEventOutcome.N0, AuditEvent.AuditEventOutcome.N4, AuditEvent.AuditEventOutcome.N4]);
        events.Select(e => e.OutcomeDesc).ShouldBe(["HTTP 200", "HTTP 400", "HTTP 401"]);
        events.Select(e => e.Recorded).ShouldBe(rows.Select(r => (DateTimeOffset?)r.At));
        events.Select(e => e.Agent.Single().Who.Identifier.Value).ShouldBe(["auditor:1a2b3c4d", "auditor:1a2b3c4d", "unknown-key"]);
        events.Select(e => e.Agent.Single().Role.SingleOrDefault()?.Text).ShouldBe(["auditor", "auditor", null]);
        events.ShouldAllBe(e => e.Action == AuditEvent.AuditEventAction.R && e.Type.Code == "rest" && e.Agent.Single().Requestor == true);
        var first = events[0].Entity.Single();
        first.What.Display.ShouldBe("/api/sessions/{sessionId}");
        first.What.Identifier.Value.ShouldBe("r-ok");
        first.Detail.Select(d => $"{d.Type}={((FhirString)d.Value).Value}").ShouldBe(
            ["""parameters={"path":"/api/sessions/S-1","query":{"clinicId":"fhir-01"}}""", "rows=12", "requestId=r-ok"]);
    }

    [Fact]
    public void TheSameRowExportsTheSameId()
    {
        var a = AuditEventBundleMapper.Map(AccessLogRows.Three(), "/x", null, Scenarios.Start);
        var b = AuditEventBundleMapper.Map(AccessLogRows.Three(), "/x", null, Scenarios.Start.AddDays(1));

        b.Entry.Select(e => e.FullUrl).ShouldBe(a.Entry.Select(e => e.FullUrl));
        a.Entry.Select(e => e.FullUrl).Distinct().Count().ShouldBe(3);
    }
}
