using InfusionAudit.Infrastructure.Storage;
using InfusionAudit.Simulator.Load;
using InfusionAudit.Simulator.Transport;
using InfusionAudit.Testing;

namespace InfusionAudit.Application.Tests.Alerts;

/// <summary>
/// What alerting costs a session write in storage requests: the alert partition is read only when a write may concern
/// an alert (a finding that alerts, a completion, or a change to a finding whose page may be held), not whenever a
/// warning's evidence moves.
/// </summary>
public sealed class AlertReadCostTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// A dense clinic load (connected monitors, mostly clean sessions) in messages of 100 events: catalogue v2's vital-sign
    /// warnings re-word their evidence with new readings, and each such write read the alert partition and the session
    /// state (16 alert reads per message on the pipeline benchmark, 0.46 requests/event instead of 0.07).
    /// </summary>
    [Fact]
    public async Task AWarningWhoseEvidenceMovesDoesNotReadTheAlertPartitionOnEveryMessage()
    {
        await using var host = await TestHost.StartAsync(settings: new Dictionary<string, string?> { ["LocalHost:Clock"] = "off", ["LocalHost:AlertClock"] = "off" });
        var counter = host.Get<StorageRequestCounter>();
        await using var sender = new QueueSender(Azurite.ConnectionString, host.EventsQueue);
        using var counters = new CountersClient(host.BaseAddress, TestKeys.Auditor);
        var options = new SoakOptions
        {
            EventsPerSecond = 500,
            Duration = TimeSpan.FromSeconds(10),
            SampleEvery = TimeSpan.FromSeconds(5),
            ChunkEvery = TimeSpan.FromSeconds(10),
            WarmUp = TimeSpan.Zero,
            Chairs = 10,
            Start = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero),
            RunId = "c" + Guid.NewGuid().ToString("N")[..9],
        };

        var before = counter.ByOperation;
        var report = await new SoakRunner(sender, counters, new QueueBacklogProbe(Azurite.ConnectionString, host.EventsQueue), _ => { }, TimeProvider.System)
            .RunAsync(options, Ct);
        report.Drain.ShouldNotBeNull("every sent event reached the host");

        long Delta(string operation) => counter.ByOperation.GetValueOrDefault(operation) - before.GetValueOrDefault(operation);
        var alertReads = Delta("GET Alerts()");
        var sessionReads = Delta("GET Sessions()");
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{report.EventsSent} events in {report.MessagesSent} messages: GET Alerts() {alertReads}, GET Sessions() {sessionReads}");

        // Messages of 100 events carry the writes of several sessions each; a read of the alert partition per message
        // would be 50 here. A few sessions of the load mix do alert (their pages read it): far fewer than one a message.
        report.MessagesSent.ShouldBeGreaterThanOrEqualTo(45);
        alertReads.ShouldBeLessThan(report.MessagesSent / 2, "alert partition reads");
        sessionReads.ShouldBeLessThan(report.MessagesSent / 2, "session reads (the state check before alerting)");
    }
}
