using InfusionAudit.Application.Ingestion;
using InfusionAudit.Application.Ports.Sessions;
using InfusionAudit.Infrastructure.Storage.Sessions;
using InfusionAudit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InfusionAudit.Application.Tests.Ingestion;

/// <summary>
/// An earlier session of a patient that arrives whole (its start and its end in one message) after the later sessions of
/// its course: the later sessions are judged again once, with the earlier session's delivered dose, not once after the
/// start's history lookup and again after the end's.
/// </summary>
public sealed class DependentJudgedOnceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AWholeEarlierSessionInOneMessageJudgesItsLaterSessionsAgainOnce()
    {
        var log = new LogRecorder();
        await using var host = await TestHost.StartAsync(
            settings: new Dictionary<string, string?> { ["Logging:LogLevel:InfusionAudit.Application.Sessions.SessionCommitter"] = "Debug", ["LocalHost:Clock"] = "off" },
            services: s => s.AddSingleton<ILoggerProvider>(log));
        var patientRef = "MRN-" + Guid.NewGuid().ToString("N")[..10];
        var clinic = "jo-" + Guid.NewGuid().ToString("N")[..8];
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var sessions = new[] { 4.0, 2.0, 0.1 }
            .Select(daysAgo => new SessionScript(clinicId: clinic) { Start = now.AddDays(-daysAgo), PatientRef = patientRef })
            .ToList();

        await IngestAsync(host, sessions[2]);
        await IngestAsync(host, sessions[1]);
        await IngestAsync(host, sessions[0]);

        var judgements = log.Entries.Where(e => e.EventName == "LogDependents" && e.Message.Contains(sessions[0].SessionId, StringComparison.Ordinal)).ToList();
        judgements.ShouldHaveSingleItem(string.Join(" | ", judgements.Select(j => j.Message)));
        judgements[0].Message.ShouldContain("2 known session(s)");

        // Judged with the delivered dose: 3 × 0.75 = 2.25 mg/kg in 4 days is above the IV protocol's 2.0.
        var latest = await host.Get<SessionRepository>().LoadAsync(sessions[2].SessionId, Ct);
        latest.Findings.ShouldContain(f => f.RuleId == "COURSE-CUMULATIVE" && f.RetractedAt == null);
    }

    private static async Task IngestAsync(TestHost host, SessionScript session)
    {
        var result = await host.Ingest.HandleAsync(SessionScript.Batch(session.StandardIvSession(0.75)), new IngestContext("queue", "m-" + Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow), Ct);
        result.Rejected.ShouldBe(0);
    }
}
