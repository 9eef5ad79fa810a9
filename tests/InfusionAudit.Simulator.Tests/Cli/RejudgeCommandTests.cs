using InfusionAudit.Application.Ingestion;
using InfusionAudit.Simulator.Cli;
using InfusionAudit.Testing;

namespace InfusionAudit.Simulator.Tests.Cli;

/// <summary>
/// <c>infusion-sim rejudge</c> against the real local host: a session is a clinic's session id, so a session id that two
/// clinics use must be named with <c>--clinic</c> (issue 11 item 5), and a session of one clinic is found without it.
/// </summary>
public sealed class RejudgeCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ASessionIdThatTwoClinicsUseIsRejudgedForTheClinicNamedAndRefusedWithoutOne()
    {
        await using var host = await TestHost.StartAsync();
        var id = "S-rejudge-" + Guid.NewGuid().ToString("N")[..8];
        var a = new SessionScript(id, clinicId: "abq-01");
        var b = new SessionScript(id, clinicId: "sfe-02");
        var single = new SessionScript(clinicId: "abq-01");
        await host.Ingest.HandleAsync(
            SessionScript.Batch([a.Started(), a.Ended(TimeSpan.FromMinutes(41)), b.Started(), single.Started()]),
            new IngestContext("queue", "m-" + Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow),
            Ct);
        string[] target = ["--url", host.BaseAddress.ToString(), "--key", TestKeys.Auditor];

        var ambiguous = await SimulatorCliTests.RunAsync(["rejudge", "--session", id, .. target]);
        var named = await SimulatorCliTests.RunAsync(["rejudge", "--session", id, "--clinic", b.ClinicId, "--json", .. target]);
        var unique = await SimulatorCliTests.RunAsync(["rejudge", "--session", single.SessionId, "--json", .. target]);

        ambiguous.Exit.ShouldBe(ExitCodes.InvalidInput);
        ambiguous.Error.ShouldContain("409");
        ambiguous.Error.ShouldContain("--clinic");
        named.Exit.ShouldBe(ExitCodes.Success, named.Error);
        named.Output.ShouldContain($"\"sessionId\":\"{id}\"");
        unique.Exit.ShouldBe(ExitCodes.Success, unique.Error);
    }
}
