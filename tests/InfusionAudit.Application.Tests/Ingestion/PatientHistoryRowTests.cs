using System.Text.Json.Nodes;
using InfusionAudit.Application.Ingestion;
using InfusionAudit.Application.Ports.Sessions;
using InfusionAudit.Domain.Sessions;
using InfusionAudit.Infrastructure.Storage.Sessions;
using InfusionAudit.Testing;

namespace InfusionAudit.Application.Tests.Ingestion;

/// <summary>
/// Issue 11 item 9: the patient history on a session's state row is bounded. A patient with 150 sessions (one every
/// 4 hours, all within the rules' 90-day look-back) must not grow the row of its latest session with the other 149:
/// it keeps <see cref="PatientHistory.MaxSessions"/> (100) and the first session of the protocol.
/// </summary>
/// <remarks>
/// 150, not hundreds: every session's start reads its patient's whole look-back, so the test's cost grows with the
/// square of the count (500 took six minutes of the suite), and 150 already exceeds the bound by half.
/// </remarks>
public sealed class PatientHistoryRowTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const int Sessions = 150;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task APatientWithFiveHundredSessionsKeepsASmallHistoryOnTheLatestSessionsRow()
    {
        var patientRef = "MRN-" + Guid.NewGuid().ToString("N")[..10];
        var clinic = "ph-" + Guid.NewGuid().ToString("N")[..8];
        var first = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - (90L * 24 * 3600));
        var scripts = Enumerable.Range(0, Sessions)
            .Select(i => new SessionScript(clinicId: clinic) { Start = first.AddHours(4 * i), PatientRef = patientRef })
            .ToList();

        // Oldest first, 50 sessions (start and end) a message: no session is judged again for a later arrival.
        foreach (var chunk in scripts.Chunk(50))
        {
            var events = chunk.SelectMany(s => new[] { s.Started(), s.Ended(TimeSpan.FromMinutes(10), "other") }).ToList();
            var result = await fixture.Host.Ingest.HandleAsync(SessionScript.Batch(events), new IngestContext("queue", "m-" + Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow), Ct);
            result.Rejected.ShouldBe(0);
        }

        var latest = await fixture.Host.Get<SessionRepository>().LoadAsync(scripts[^1].SessionId, Ct);
        var json = latest.State!.PatientHistoryJson.ShouldNotBeNull();
        var history = JsonNode.Parse(json)!;

        // The 100 nearest (PatientHistory.MaxSessions) and the protocol's first session, of about 175 characters each,
        // well inside a table property's 32K characters; all 149 would make it about 26,000.
        history["sessions"]!.AsArray().Count.ShouldBe(PatientHistory.MaxSessions + 1);
        json.Length.ShouldBeLessThan(20_000);
        history["earlierSessions"]!.GetValue<int>().ShouldBe(Sessions - 1);
        latest.Findings.Where(f => f.RuleId == "PATIENT-INTERVAL" && f.RetractedAt is null).Select(f => f.EpisodeKey)
            .ShouldBe([.. scripts.Skip(Sessions - 6).Take(5).Select(s => s.SessionId)], ignoreOrder: true);
    }
}
