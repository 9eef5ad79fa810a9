using InfusionAudit.Application.Ingestion;
using InfusionAudit.Application.Ports.Sessions;
using InfusionAudit.Infrastructure.Storage.Sessions;
using InfusionAudit.Testing;

namespace InfusionAudit.Application.Tests.Ingestion;

/// <summary>Issue 10.5: one patient is one normalised <c>patientRef</c> within the configured scope.</summary>
public sealed class PatientIdentityScopeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ByDefaultTheSameReferenceAtTwoClinicsIsTwoPatients()
    {
        await using var host = await TestHost.StartAsync();
        var (first, second) = TwoSessionsTwoHoursApart("MRN-" + Guid.NewGuid().ToString("N")[..8], otherClinic: true);

        await IngestAsync(host, first, second);

        (await Findings(host, second)).ShouldNotContain("PATIENT-INTERVAL");
    }

    [Fact]
    public async Task InOrganisationScopeTheSameReferenceAtTwoClinicsIsOnePatient()
    {
        await using var host = await TestHost.StartAsync(settings: new Dictionary<string, string?> { ["InfusionAudit:PatientIdentityScope"] = "Organisation" });
        var (first, second) = TwoSessionsTwoHoursApart("MRN-" + Guid.NewGuid().ToString("N")[..8], otherClinic: true);

        await IngestAsync(host, first, second);

        (await Findings(host, second)).ShouldContain("PATIENT-INTERVAL");
    }

    [Fact]
    public async Task SpellingsOfOneReferenceDifferingInCaseAndSurroundingSpaceAreOnePatient()
    {
        await using var host = await TestHost.StartAsync();
        var reference = "mrn-" + Guid.NewGuid().ToString("N")[..8];
        var (first, second) = TwoSessionsTwoHoursApart(reference, otherClinic: false);
        var respelt = new SessionScript(clinicId: second.ClinicId) { Start = second.Start, PatientRef = "  " + reference.ToUpperInvariant() + " " };

        await IngestAsync(host, first, respelt);

        (await Findings(host, respelt)).ShouldContain("PATIENT-INTERVAL");
        var stored = await host.Get<SessionRepository>().LoadAsync(respelt.SessionId, Ct);
        stored.Events.Single(e => e.Type == "SessionStarted").RawJson.ShouldContain($"\"hmac-sha256:v1:clinic:");
    }

    private static (SessionScript First, SessionScript Second) TwoSessionsTwoHoursApart(string patientRef, bool otherClinic)
    {
        var clinic = "pid-" + Guid.NewGuid().ToString("N")[..8];
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 4 * 3600);
        return (
            new SessionScript(clinicId: clinic) { Start = start, PatientRef = patientRef },
            new SessionScript(clinicId: otherClinic ? clinic + "-b" : clinic) { Start = start.AddHours(2), PatientRef = patientRef });
    }

    private static async Task IngestAsync(TestHost host, params SessionScript[] sessions)
    {
        foreach (var session in sessions)
        {
            var result = await host.Ingest.HandleAsync(SessionScript.Batch([session.Started(), session.Ended(TimeSpan.FromMinutes(1), "other")]), new IngestContext("queue", "m-" + Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow), Ct);
            result.Rejected.ShouldBe(0);
        }
    }

    private static async Task<IReadOnlyList<string>> Findings(TestHost host, SessionScript session) =>
        [.. (await host.Get<SessionRepository>().LoadAsync(session.SessionId, Ct)).Findings.Where(f => f.RetractedAt is null).Select(f => f.RuleId)];
}
