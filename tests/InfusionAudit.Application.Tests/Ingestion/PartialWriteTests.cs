using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using InfusionAudit.Application.Ingestion;
using InfusionAudit.Infrastructure.Storage;
using InfusionAudit.Application.Ports.Alerts;
using InfusionAudit.Infrastructure.Storage.Alerts;
using InfusionAudit.Application.Ports.Sessions;
using InfusionAudit.Infrastructure.Storage.Sessions;
using InfusionAudit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace InfusionAudit.Application.Tests.Ingestion;

/// <summary>
/// A session commit of more than 100 rows spans several table transactions. A 503 at any write of a message (index rows,
/// alert rows, each transaction of the commit), before the request reaches storage or after storage did it, followed by
/// the redelivery of that message, must leave the session exactly as a run without the fault: same events, state and
/// findings.
/// </summary>
public sealed class PartialWriteTests(PartialWriteTests.Fixture fixture) : IClassFixture<PartialWriteTests.Fixture>
{
    /// <summary>Writes naming the session in a clean run of <see cref="Messages"/> (see <see cref="CleanRunCountsItsWrites"/>), with room to spare.</summary>
    private const int MaxStep = 28;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<int, StorageFaults.Mode> Steps()
    {
        var data = new TheoryData<int, StorageFaults.Mode>();
        foreach (var mode in Enum.GetValues<StorageFaults.Mode>())
        {
            for (var step = 1; step <= MaxStep; step++)
            {
                data.Add(step, mode);
            }
        }

        return data;
    }

    [Fact]
    public async Task CleanRunCountsItsWrites()
    {
        var script = fixture.NewScript();
        fixture.Faults.Arm(script.SessionId, 0, StorageFaults.Mode.BeforeSending);

        var messages = Messages(script, fixture.ReceivedAt);
        for (var i = 0; i < messages.Count; i++)
        {
            await fixture.Host.Ingest.HandleAsync(messages[i].Message, messages[i].Context, Ct);
            ShouldMatch(await Snapshot(fixture.Host, script), fixture.Baseline[i]);
        }

        var writes = fixture.Faults.Seen;
        fixture.Faults.Disarm();
        TestContext.Current.TestOutputHelper?.WriteLine($"{writes} writes name the session");
        writes.ShouldBeInRange(4, MaxStep);
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public Task ASessionCutByA503AtAnyWriteHealsWhenItsMessageIsRedelivered(int step, StorageFaults.Mode mode) =>
        CutAndRedeliverAsync(step, mode, SessionOnly);

    /// <summary>The same, alerts included: a critical alert stays open after any cut, as in a clean run.</summary>
    [Theory]
    [MemberData(nameof(Steps))]
    public Task ASessionAndItsAlertsCutByA503AtAnyWriteHealWhenItsMessageIsRedelivered(int step, StorageFaults.Mode mode) =>
        CutAndRedeliverAsync(step, mode, text => text);

    /// <summary>The snapshot without the alert lines.</summary>
    private static string SessionOnly(string snapshot) =>
        string.Join('\n', snapshot.Split('\n').Where(l => !l.StartsWith("alert ", StringComparison.Ordinal) && !l.StartsWith("notifications ", StringComparison.Ordinal)));

    private async Task CutAndRedeliverAsync(int step, StorageFaults.Mode mode, Func<string, string> compared)
    {
        var script = fixture.NewScript();
        fixture.Faults.Arm(script.SessionId, step, mode);

        var messages = Messages(script, fixture.ReceivedAt);
        for (var i = 0; i < messages.Count; i++)
        {
            var (message, context) = messages[i];
            try
            {
                await fixture.Host.Ingest.HandleAsync(message, context, Ct);
            }
            catch (Exception ex) when (fixture.Faults.Fired)
            {
                // The trigger retries a message whose handler threw: the same text, id and insertion time.
                TestContext.Current.TestOutputHelper?.WriteLine($"message {i + 1} failed: {ex.GetType().Name}: {ex.Message}");
                await fixture.Host.Ingest.HandleAsync(message, context, Ct);
            }

            // Healed by the redelivery itself, not by the next message.
            ShouldMatch(compared(await Snapshot(fixture.Host, script)), compared(fixture.Baseline[i]));
        }

        fixture.Faults.Disarm();
    }

    /// <summary>
    /// Two messages of 100 events of one IV session, 1 heart-rate reading in 2 high (a VITALS-HR-HIGH episode each), so
    /// each commit holds 100 event rows, the state and about 50 findings: several transactions. One reading in each
    /// message is critical (VITALS-HR-CRITICAL), so the alert rows are part of the write path too.
    /// </summary>
    internal static List<(string Message, IngestContext Context)> Messages(SessionScript script, DateTimeOffset receivedAt)
    {
        var events = new List<JsonObject> { script.Started(), script.Rate(TimeSpan.FromSeconds(30), 52.5) };
        events.AddRange(Enumerable.Range(1, 196).Select(i => script.Vitals(TimeSpan.FromSeconds(10 * i), heartRate: i is 50 or 150 ? 150 : i % 2 == 0 ? 115 : 72)));
        events.Add(script.Rate(TimeSpan.FromSeconds(30) + TimeSpan.FromMinutes(40), 0));
        events.Add(script.Ended(TimeSpan.FromMinutes(45)));
        return
        [
            (SessionScript.Batch(events.Take(100)), new IngestContext("queue", script.SessionId + "-m1", receivedAt)),
            (SessionScript.Batch(events.Skip(100)), new IngestContext("queue", script.SessionId + "-m2", receivedAt.AddSeconds(1))),
        ];
    }

    /// <summary>Fails with the lines that differ, not a character dump of two long texts.</summary>
    internal static void ShouldMatch(string actual, string expected)
    {
        var got = actual.Split('\n');
        var want = expected.Split('\n');
        var missing = want.Except(got).Take(5).ToList();
        var extra = got.Except(want).Take(5).ToList();
        if (missing.Count + extra.Count > 0 || got.Length != want.Length)
        {
            Assert.Fail($"The session differs from the clean run ({got.Length} lines, expected {want.Length}).\nMissing:\n  {string.Join("\n  ", missing)}\nUnexpected:\n  {string.Join("\n  ", extra)}");
        }
    }

    /// <summary>What is stored for a session, with its own ids and patient hash replaced, so two sessions compare.</summary>
    internal static async Task<string> Snapshot(TestHost host, SessionScript script)
    {
        var partition = await host.Get<SessionRepository>().LoadAsync(script.SessionId, Ct);
        var state = partition.State.ShouldNotBeNull();
        var hash = JsonNode.Parse(state.StateJson)!["patientRefHash"]!.GetValue<string>();
        string Same(string text) => text.Replace(script.SessionId, "{session}", StringComparison.Ordinal).Replace(hash, "{patient}", StringComparison.Ordinal);

        var lines = new List<string>
        {
            $"status {state.Status}, {state.EventCount} events counted, {partition.Events.Count} stored",
            "state " + Same(state.StateJson),
        };
        lines.AddRange(partition.Events.OrderBy(e => e.Sequence).Select(e => Same($"event {e.Sequence} {e.EventId} {e.ReceivedAt:O}")));
        lines.AddRange(partition.Findings
            .OrderBy(f => f.RuleId, StringComparer.Ordinal)
            .ThenBy(f => f.EpisodeKey, StringComparer.Ordinal)
            .Select(f => Same(string.Join(
                " | ",
                "finding " + f.RuleId,
                f.EpisodeKey,
                f.Severity,
                f.Evidence,
                f.EvidenceValuesJson,
                f.TriggerEventId,
                f.DetectedAt.ToString("O", CultureInfo.InvariantCulture),
                f.RetractedAt?.ToString("O", CultureInfo.InvariantCulture) ?? "-"))));
        var alerts = await host.Get<AlertRepository>().LoadAsync(script.ClinicId, script.SessionId, Ct);
        lines.AddRange(alerts.Alerts
            .OrderBy(a => a.RuleId, StringComparer.Ordinal)
            .ThenBy(a => a.EpisodeKey, StringComparer.Ordinal)
            .Select(a => Same($"alert {a.RuleId} | {a.EpisodeKey} | {a.Severity} | {a.State} | {a.Evidence} | {a.DetectedAt:O}")));
        lines.Add($"notifications {alerts.Notifications.Count}, counted {alerts.Group?.NotificationCount ?? 0}");
        return string.Join('\n', lines);
    }

    /// <summary>One host whose storage clients carry <see cref="Faults"/>, and the clean run every case compares with.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public StorageFaults Faults { get; } = new();

        public TestHost Host { get; private set; } = null!;

        /// <summary>All cases share the session's times, so findings and receive times compare.</summary>
        public DateTimeOffset Start { get; } = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 3000);

        public DateTimeOffset ReceivedAt { get; } = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

        /// <summary>The clean run's session after each message.</summary>
        public List<string> Baseline { get; } = [];

        public SessionScript NewScript() => new(clinicId: "heal-01") { Start = Start };

        public async ValueTask InitializeAsync()
        {
            Host = await TestHost.StartAsync(services: s => s.AddSingleton(sp => new StorageAccount(Azurite.ConnectionString, sp.GetRequiredService<StorageRequestCounter>(), Faults)));
            var script = NewScript();
            foreach (var (message, context) in Messages(script, ReceivedAt))
            {
                await Host.Ingest.HandleAsync(message, context, TestContext.Current.CancellationToken);
                Baseline.Add(await Snapshot(Host, script));
            }
        }

        public async ValueTask DisposeAsync() => await Host.DisposeAsync();
    }
}
