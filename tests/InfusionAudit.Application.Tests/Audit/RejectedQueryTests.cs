using System.Text.Json.Nodes;
using InfusionAudit.Application.Audit;
using InfusionAudit.Http.Audit;
using InfusionAudit.Application.Ports.Audit;
using InfusionAudit.Infrastructure.Storage.Audit;
using InfusionAudit.Testing;

namespace InfusionAudit.Application.Tests.Audit;

public sealed class RejectedQueryTests(AuditFixture fixture) : IClassFixture<AuditFixture>
{
    private static readonly DateTimeOffset June3 = new(2025, 6, 3, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RejectedInputIsListedByReceiveDayOnePartitionADayWithPatientHashesRedacted()
    {
        var clinic = AuditFixture.NewClinic();
        var script = new SessionScript(clinicId: clinic) { Start = June3 };
        var badStart = script.Started(weightKg: -70);
        var badVitals = script.Vitals(TimeSpan.FromMinutes(1));
        badVitals.Remove("eventId");
        await fixture.IngestAsync([badStart], June3);
        await fixture.IngestAsync([badVitals], June3.AddDays(2));
        await fixture.IngestAsync([new SessionScript(clinicId: AuditFixture.NewClinic()).Started(weightKg: -1)], June3);
        var handler = new RejectedEventsQueryHandler(new RejectedEventReader(fixture.CountedAccount));

        var before = fixture.Counter.Requests;
        var page = await handler.ListAsync(clinic, new DateRange(new DateOnly(2025, 6, 3), new DateOnly(2025, 6, 5)), null, null, null, 100, Ct);

        (fixture.Counter.Requests - before).ShouldBe(3, "one partition per day of the range");
        page.Rows.Select(r => r.Field).ShouldBe(["payload.weightKg", "eventId"]);
        page.Rows[0].RawText.ShouldContain(Application.Audit.PatientHashRedaction.Replacement);
        page.Rows[0].RawText.ShouldNotContain(script.PatientRef);

        var text = await fixture.Host.Client(TestKeys.Auditor).GetStringAsync($"/api/clinics/{clinic}/rejected?from=2025-06-03&to=2025-06-05", Ct);
        JsonNode.Parse(text)!["count"]!.GetValue<int>().ShouldBe(2);
        text.ShouldNotContain(script.PatientRef);
        text.ShouldNotMatch("hmac-sha256:[0-9a-f]{64}");
    }
}
