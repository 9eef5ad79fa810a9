using System.Net;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using InfusionAudit.Testing;
using Task = System.Threading.Tasks.Task;

namespace InfusionAudit.Http.Tests.Fhir;

/// <summary>
/// The FHIR R4 export over real HTTP on Azurite (issue 16 item 3): a session with findings and an open critical alert,
/// ingested by the real handler, read back as a Bundle and validated offline with zero issues; the patient reference
/// appears nowhere; the read lands in the access log, which exports as AuditEvents page by page.
/// </summary>
public sealed class FhirExportTests(AuditFixture fixture) : IClassFixture<AuditFixture>
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The audit suite's overdose (120 mL/h instead of 52.5: rate and over-delivery findings) with SpO2 84 % at 10 min.</summary>
    private async Task<AuditSession> IngestOverdoseAsync()
    {
        var overdose = AuditSession.Overdose(AuditFixture.NewClinic("fhir"), Start);
        var events = overdose.Events.Append(overdose.Script.Vitals(TimeSpan.FromMinutes(10), spo2: 84)).ToList();
        return await fixture.IngestAsync(overdose with { Events = events });
    }

    [Fact]
    public async Task ASessionExportsAsAValidBundleWithoutThePatientReference()
    {
        var session = await IngestOverdoseAsync();
        var auditor = fixture.Host.Client(TestKeys.Auditor);

        using var response = await auditor.GetAsync($"/api/fhir/sessions/{session.SessionId}?clinicId={session.Script.ClinicId}", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        var document = JsonNode.Parse(await auditor.GetStringAsync($"/api/sessions/{session.SessionId}?clinicId={session.Script.ClinicId}", Ct))!;

        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/fhir+json");
        text.ShouldNotContain(session.Script.PatientRef);
        var bundle = FhirValidation.Parse<Bundle>(text);
        bundle.Type.ShouldBe(Bundle.BundleType.Collection);
        var issues = bundle.Entry.SelectMany(e => FhirValidation.Shared.Validate(e.Resource!)).Concat(FhirValidation.Shared.Validate(bundle)).ToList();
        issues.ShouldBeEmpty();

        var resources = bundle.Entry.Select(e => e.Resource!).ToList();
        resources.OfType<Patient>().Single().Identifier.Single().Value.ShouldBe(document["state"]!["patientRefHash"]!.GetValue<string>());
        resources.OfType<DetectedIssue>().Count().ShouldBe(document["findings"]!.AsArray().Count);
        resources.OfType<DetectedIssue>().ShouldContain(i => i.Severity == DetectedIssue.DetectedIssueSeverity.High);
        resources.OfType<Flag>().ShouldNotBeEmpty("the critical findings raised open alerts");
        resources.OfType<Observation>().Count(o => o.Code.Coding[0].Code == "2708-6").ShouldBe(2);
        var rate = resources.OfType<MedicationAdministration>().Single(m => m.PartOf.Count == 1).Dosage!.Rate.ShouldBeOfType<Quantity>();
        (rate.Value, rate.Code).ShouldBe((120m, "mL/h"));

        using var again = await auditor.GetAsync($"/api/fhir/sessions/{session.SessionId}", Ct);
        FhirValidation.Parse<Bundle>(await again.Content.ReadAsStringAsync(Ct)).Entry.Select(e => e.FullUrl)
            .ShouldBe(bundle.Entry.Select(e => e.FullUrl), "the same session exports the same ids");
    }

    [Fact]
    public async Task TheExportIsForAuditorsAndAnswersProblemsOtherwise()
    {
        var session = await IngestOverdoseAsync();
        var path = $"/api/fhir/sessions/{session.SessionId}";

        (await Status(null, path)).ShouldBe(HttpStatusCode.Unauthorized);
        (await Status(TestKeys.Producer, path)).ShouldBe(HttpStatusCode.Forbidden);
        (await Status(TestKeys.OnCall, path)).ShouldBe(HttpStatusCode.Forbidden);
        (await Status(TestKeys.Admin, path)).ShouldBe(HttpStatusCode.OK);
        (await Status(TestKeys.Auditor, $"/api/fhir/sessions/no-such-{Guid.NewGuid():N}"[..40])).ShouldBe(HttpStatusCode.NotFound);
        (await Status(TestKeys.Auditor, path + "?clinicId=bad%20id")).ShouldBe(HttpStatusCode.BadRequest);
        (await Status(TestKeys.Auditor, path + "?eventsFrom=0")).ShouldBe(HttpStatusCode.BadRequest);
        (await Status(TestKeys.Auditor, "/api/fhir/audit-events?date=2026-03-02")).ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task TheAccessLogExportsAsPagesOfValidAuditEvents()
    {
        var session = await IngestOverdoseAsync();
        var route = $"/api/fhir/sessions/{session.SessionId}";
        (await Status(TestKeys.Auditor, route)).ShouldBe(HttpStatusCode.OK);
        (await Status(TestKeys.Auditor, route + "?clinicId=bad%20id")).ShouldBe(HttpStatusCode.BadRequest);
        var admin = fixture.Host.Client(TestKeys.Admin);

        // Every page, following the Bundle's next link, until the reads above are found (the day's log is shared with other tests).
        var events = new List<AuditEvent>();
        string? next = $"/api/fhir/audit-events?date={DateTimeOffset.UtcNow:yyyy-MM-dd}&pageSize=50";
        var pages = 0;
        while (next is not null)
        {
            using var response = await admin.GetAsync(next, Ct);
            var text = await response.Content.ReadAsStringAsync(Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/fhir+json");
            var bundle = FhirValidation.Parse<Bundle>(text);
            bundle.Type.ShouldBe(Bundle.BundleType.Searchset);
            var page = bundle.Entry.Select(e => e.Resource!).Cast<AuditEvent>().ToList();
            page.SelectMany(e => FhirValidation.Shared.Validate(e)).ShouldBeEmpty();
            events.AddRange(page);
            next = bundle.Link.SingleOrDefault(l => l.RelationString == "next")?.Url;
            pages++;
        }

        var mine = events.Where(e => e.Entity.Single().Detail.Any(d => d.Type == "parameters" && ((FhirString)d.Value).Value!.Contains(session.SessionId, StringComparison.Ordinal))).ToList();
        mine.Select(e => (e.Entity.Single().What!.Display, e.OutcomeDesc, e.Agent.Single().Role.Single().Text)).ShouldBe(
        [
            ("/api/fhir/sessions/{sessionId}", "HTTP 200", "auditor"),
            ("/api/fhir/sessions/{sessionId}", "HTTP 400", "auditor"),
        ]);
        mine.Select(e => e.Outcome).ShouldBe([AuditEvent.AuditEventOutcome.N0, AuditEvent.AuditEventOutcome.N4]);
        pages.ShouldBeGreaterThan(0);
    }

    private async Task<HttpStatusCode> Status(string? key, string path)
    {
        using var response = await fixture.Host.Client(key).GetAsync(path, Ct);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }

        return response.StatusCode;
    }
}
