using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using InfusionAudit.Application.Audit;
using InfusionAudit.Http.Audit;
using InfusionAudit.Infrastructure.Storage;
using InfusionAudit.Application.Ports.Indexes;
using InfusionAudit.Infrastructure.Storage.Indexes;
using InfusionAudit.Testing;

namespace InfusionAudit.Application.Tests.Audit;

public sealed class ClinicFindingsQueryTests(AuditFixture fixture) : IClassFixture<AuditFixture>
{
    private static readonly DateTimeOffset May31 = new(2025, 5, 31, 10, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARangeAcrossAMonthEndReadsExactlyTheTwoMonthPartitionsOfTheClinic()
    {
        var clinic = AuditFixture.NewClinic();
        var neighbour = AuditFixture.NewClinic();
        var may = await fixture.IngestAsync(AuditSession.Overdose(clinic, May31));
        var june = await fixture.IngestAsync(AuditSession.Overdose(clinic, May31.AddDays(1)));
        await fixture.IngestAsync(AuditSession.Overdose(clinic, May31.AddDays(2)));
        await fixture.IngestAsync(AuditSession.Overdose(clinic, May31.AddDays(-1)));
        await fixture.IngestAsync(AuditSession.Overdose(neighbour, May31));
        var handler = new ClinicFindingsQueryHandler(new ClinicFindingIndex(fixture.CountedAccount));

        var before = fixture.Counter.Requests;
        var page = await handler.ListAsync(clinic, new DateRange(new DateOnly(2025, 5, 31), new DateOnly(2025, 6, 1)), new FindingListFilter(), null, 1000, Ct);

        (fixture.Counter.Requests - before).ShouldBe(2, "one key range in each month partition");
        page.Requests.ShouldBe(2);
        page.Next.ShouldBeNull();
        page.Rows.Select(f => f.SessionId).Distinct().ShouldBe([may.SessionId, june.SessionId], ignoreOrder: false);
        page.Rows.ShouldContain(f => f.RuleId == "DOSE-OVER-DELIVERY" && f.Severity == "critical");
        page.Rows.Select(f => f.DetectedAt).ShouldBeInOrder();
    }

    [Fact]
    public async Task RuleAndSeverityFiltersAreAppliedByTheTableService()
    {
        var clinic = AuditFixture.NewClinic();
        var session = await fixture.IngestAsync(AuditSession.Overdose(clinic, May31));
        await fixture.IngestAsync(AuditSession.Standard(clinic, May31.AddHours(2), s => [AuditSession.AdverseEffect(s, TimeSpan.FromMinutes(10), "nausea", "mild")]));
        var client = fixture.Host.Client(TestKeys.Auditor);
        var url = $"/api/clinics/{clinic}/findings?from=2025-05-31&to=2025-05-31";

        var all = await Items(client, url);
        var rateSoft = await Items(client, url + "&ruleId=RATE-SOFT");
        var critical = await Items(client, url + "&severity=critical");
        var atLeastWarning = await Items(client, url + "&minSeverity=warning");

        all.ShouldContain(f => f["ruleId"]!.GetValue<string>() == "AE-REPORTED" && f["severity"]!.GetValue<string>() == "info");
        // The overdose (120 mL/h for 40 min where 52.5 mL/h was due) has one soft rate finding and one critical one.
        rateSoft.Select(f => (f["ruleId"]!.GetValue<string>(), f["sessionId"]!.GetValue<string>())).ShouldBe([("RATE-SOFT", session.SessionId)]);
        critical.Select(f => (f["ruleId"]!.GetValue<string>(), f["severity"]!.GetValue<string>())).ShouldBe([("DOSE-OVER-DELIVERY", "critical")]);
        atLeastWarning.Count.ShouldBe(all.Count(f => f["severity"]!.GetValue<string>() != "info"));
    }

    [Fact]
    public async Task AFindingWithdrawnByALateEventIsListedOnlyWhenRetractedOnesAreAskedFor()
    {
        var clinic = AuditFixture.NewClinic();
        var session = AuditSession.Standard(clinic, May31);
        var late = session.Events[4];
        await fixture.IngestAsync(session.Events.Where(e => e != late), session.ReceivedAt);
        var client = fixture.Host.Client(TestKeys.Auditor);
        var url = $"/api/clinics/{clinic}/findings?from=2025-05-31&to=2025-05-31&ruleId=SEQ-GAP";
        (await Items(client, url)).Count.ShouldBe(1, "the gap is a finding once the session has ended");

        await fixture.IngestAsync([late], session.ReceivedAt.AddMinutes(5));

        (await Items(client, url)).ShouldBeEmpty();
        var withRetracted = await Items(client, url + "&includeRetracted=true");
        withRetracted.Count.ShouldBe(1);
        withRetracted[0]["retractedAt"].ShouldNotBeNull();
    }

    [Fact]
    public async Task EventsThatChangeNoFindingOrOutcomeLeaveTheIndexRowsUntouched()
    {
        var clinic = AuditFixture.NewClinic();
        var running = await fixture.IngestAsync(AuditSession.Running(clinic, May31));
        var script = running.Script;
        await fixture.IngestAsync([script.Vitals(TimeSpan.FromMinutes(3))], May31.AddMinutes(3));
        var clinicRow = await ClinicRowETagAsync(clinic, running.SessionId);
        var findingRows = await FindingETagsAsync(clinic);

        for (var minute = 4; minute < 8; minute++)
        {
            await fixture.IngestAsync([script.Vitals(TimeSpan.FromMinutes(minute))], May31.AddMinutes(minute));
        }

        (await ClinicRowETagAsync(clinic, running.SessionId)).ShouldBe(clinicRow, "a running session's index row changes at milestones only");
        (await FindingETagsAsync(clinic)).ShouldBe(findingRows);
    }

    private async Task<string> ClinicRowETagAsync(string clinic, string sessionId)
    {
        var table = fixture.CountedAccount.Tables.GetTableClient(TableNames.SessionsByClinic);
        var row = await table.GetEntityAsync<TableEntity>(clinic, $"20250531|{sessionId}", cancellationToken: Ct);
        return row.Value.ETag.ToString();
    }

    private async Task<List<string>> FindingETagsAsync(string clinic)
    {
        var table = fixture.CountedAccount.Tables.GetTableClient(TableNames.FindingsByClinic);
        var partition = clinic + "|2025-05";
        var etags = new List<string>();
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: Ct))
        {
            etags.Add(entity.RowKey + "=" + entity.ETag);
        }

        return etags;
    }

    private static async Task<List<JsonNode>> Items(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return [.. JsonNode.Parse(text)!["items"]!.AsArray().Select(i => i!)];
    }
}
