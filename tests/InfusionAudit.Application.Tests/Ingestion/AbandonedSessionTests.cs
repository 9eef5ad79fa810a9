using InfusionAudit.Application.Ingestion;
using InfusionAudit.Application.Sessions;
using InfusionAudit.Application.Ports.Sessions;
using InfusionAudit.Infrastructure.Storage.Sessions;
using InfusionAudit.Testing;

namespace InfusionAudit.Application.Tests.Ingestion;

/// <summary>An open session that never ends ages out of the clock check with SESSION-ABANDONED, and comes back when it sends again.</summary>
public sealed class AbandonedSessionTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ASessionUnheardForADayLeavesTheClocksListWithAFindingAndReturnsWhenItSendsAgain()
    {
        var script = new SessionScript();
        var receivedAt = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        await fixture.Host.Ingest.HandleAsync(
            SessionScript.Batch([script.Started(), script.Rate(TimeSpan.FromSeconds(30), 52.5)]),
            new IngestContext("queue", script.SessionId + "-m1", receivedAt),
            Ct);
        var directory = fixture.Host.Get<SessionDirectory>();
        (await directory.OpenSessionsAsync(Ct)).ShouldContain(s => s.SessionId == script.SessionId);

        await fixture.Host.Get<SessionCommitter>().RefreshAsync(script.ClinicId, script.SessionId, receivedAt.AddHours(25), Ct);

        var abandoned = (await fixture.Host.Get<SessionRepository>().LoadAsync(script.SessionId, Ct)).Findings.Single(f => f.RuleId == "SESSION-ABANDONED");
        abandoned.DetectedAt.ShouldBe(receivedAt.AddHours(24));
        abandoned.RetractedAt.ShouldBeNull();
        (await directory.OpenSessionsAsync(Ct)).ShouldNotContain(s => s.SessionId == script.SessionId);

        await fixture.Host.Ingest.HandleAsync(
            script.Vitals(TimeSpan.FromMinutes(5)).ToJsonString(),
            new IngestContext("queue", script.SessionId + "-m2", receivedAt.AddHours(26)),
            Ct);

        (await fixture.Host.Get<SessionRepository>().LoadAsync(script.SessionId, Ct)).Findings.Single(f => f.RuleId == "SESSION-ABANDONED").RetractedAt.ShouldNotBeNull();
        (await directory.OpenSessionsAsync(Ct)).ShouldContain(s => s.SessionId == script.SessionId);
    }
}
