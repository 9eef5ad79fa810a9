using System.Text.Json.Nodes;
using InfusionAudit.Application.Ingestion;
using InfusionAudit.Application.Ports.Sessions;
using InfusionAudit.Infrastructure.Storage.Sessions;
using InfusionAudit.Testing;

namespace InfusionAudit.Application.Tests.Ingestion;

/// <summary>
/// <c>COURSE-CUMULATIVE</c> across sessions on Azurite: three IV sessions of one patient in 4 days, 0.75 mg/kg each
/// (2.25 mg/kg, above the 2.0 of the IV protocol). Only the latest carries the finding, whatever order the sessions
/// arrive in, including an earlier session whose end (and so its delivered dose) arrives after the later sessions ended.
/// </summary>
public sealed class CourseCumulativeOrderTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Orders => ["oldest first", "newest first", "earliest ends last"];

    [Theory]
    [MemberData(nameof(Orders))]
    public async Task TheLatestSessionOfAnOverdosedWeekCarriesTheFindingWhateverTheArrivalOrder(string order)
    {
        var patientRef = "MRN-" + Guid.NewGuid().ToString("N")[..10];
        var clinic = "cc-" + Guid.NewGuid().ToString("N")[..8];
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var sessions = new[] { 4.0, 2.0, 0.1 }
            .Select(daysAgo => new SessionScript(clinicId: clinic) { Start = now.AddDays(-daysAgo), PatientRef = patientRef })
            .ToList();
        var events = sessions.Select(s => s.StandardIvSession(0.75).ToList()).ToList();

        switch (order)
        {
            case "oldest first":
                foreach (var session in events) { await IngestAsync(session); }
                break;
            case "newest first":
                foreach (var session in Enumerable.Reverse(events)) { await IngestAsync(session); }
                break;
            default:
                // The earliest session's start is known while the later ones run and end; its end comes last.
                await IngestAsync(events[0][..^1]);
                await IngestAsync(events[1]);
                await IngestAsync(events[2]);
                var latestBefore = await LoadAsync(sessions[2]);
                ActiveFindings(latestBefore).ShouldNotContain("COURSE-CUMULATIVE");
                latestBefore.State!.StateJson.ShouldContain("COURSE-CUMULATIVE"); // in rulesNotEvaluated: the earliest dose is not known yet
                await IngestAsync([events[0][^1]]);
                break;
        }

        ActiveFindings(await LoadAsync(sessions[0])).ShouldNotContain("COURSE-CUMULATIVE");
        ActiveFindings(await LoadAsync(sessions[1])).ShouldNotContain("COURSE-CUMULATIVE");
        var latest = await LoadAsync(sessions[2]);
        var finding = latest.Findings.Single(f => f.RuleId == "COURSE-CUMULATIVE" && f.RetractedAt is null);
        finding.Evidence.ShouldContain("2.25 mg/kg");
        finding.Evidence.ShouldContain("3 session(s)");
    }

    private async Task IngestAsync(IEnumerable<JsonObject> events)
    {
        var result = await fixture.Host.Ingest.HandleAsync(SessionScript.Batch(events), new IngestContext("queue", "m-" + Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow), Ct);
        result.Rejected.ShouldBe(0);
    }

    private Task<SessionPartition> LoadAsync(SessionScript session) => fixture.Host.Get<SessionRepository>().LoadAsync(session.SessionId, Ct);

    private static List<string> ActiveFindings(SessionPartition partition) =>
        [.. partition.Findings.Where(f => f.RetractedAt is null).Select(f => f.RuleId)];
}
