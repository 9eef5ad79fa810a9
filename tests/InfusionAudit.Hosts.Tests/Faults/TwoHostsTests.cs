using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using InfusionAudit.Testing;

namespace InfusionAudit.Hosts.Tests.Faults;

/// <summary>Issue 11: two local hosts competing for one event queue give the same results as one host alone.</summary>
public sealed class TwoHostsTests
{
    private const int Sessions = 20;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoHostsOnOneQueueStoreEveryEventOnceAndJudgeLikeOneHost()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 3000);
        var hostJson = Path.Combine(RepositoryPaths.Root, "host.json");
        var baselineQueue = "events-one-" + run;
        var sharedQueue = "events-two-" + run;
        using var alone = await LocalHostProcess.StartAsync(Azurite.ConnectionString, baselineQueue, hostJson);
        using var first = await LocalHostProcess.StartAsync(Azurite.ConnectionString, sharedQueue, hostJson);
        using var second = await LocalHostProcess.StartAsync(Azurite.ConnectionString, sharedQueue, hostJson);

        var baseline = await SendAsync(baselineQueue, "S-one-" + run, start);
        var shared = await SendAsync(sharedQueue, "S-two-" + run, start);

        foreach (var (host, sessions, what) in new[] { (alone, baseline, "one host"), (first, shared, "two hosts") })
        {
            var stored = await Eventually.Require(
                $"{what}: every event stored",
                async () => await Task.WhenAll(sessions.Select(s => host.StoredEventIdsAsync(s.Id))),
                counts => counts.Sum(c => c.Count) >= sessions.Sum(s => s.Events),
                TimeSpan.FromSeconds(60),
                counts => $"{counts.Sum(c => c.Count)} of {sessions.Sum(s => s.Events)} stored");
            stored.ShouldAllBe(ids => ids.Count == ids.Distinct().Count());
            stored.Sum(c => c.Count).ShouldBe(sessions.Sum(s => s.Events));
        }

        // Let the last commits' findings settle (both paths judge on commit), then compare session by session.
        var expected = await Task.WhenAll(baseline.Select(s => alone.StandingFindingsAsync(s.Id)));
        var actual = await Eventually.Require(
            "two hosts judge like one",
            async () => await Task.WhenAll(shared.Select(s => first.StandingFindingsAsync(s.Id))),
            found => found.Select(f => string.Join(',', f)).SequenceEqual(expected.Select(f => string.Join(',', f))),
            TimeSpan.FromSeconds(30),
            found => $"expected [{string.Join(" | ", expected.Select(f => string.Join(',', f)))}] but found [{string.Join(" | ", found.Select(f => string.Join(',', f)))}]");
        // The alerts of those findings: same rules, severities and states, session by session (ids differ by run prefix).
        var expectedAlerts = AlertsBySession(await alone.AlertsAsync("abq-01"), baseline);
        var actualAlerts = await Eventually.Require(
            "two hosts alert like one",
            async () => AlertsBySession(await first.AlertsAsync("abq-01"), shared),
            found => found.SequenceEqual(expectedAlerts),
            TimeSpan.FromSeconds(30),
            found => $"expected [{string.Join(" | ", expectedAlerts)}] but found [{string.Join(" | ", found)}]");
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"two hosts on one queue: {shared.Sum(s => s.Events)} events in, stored once; {actual.Sum(f => f.Count)} standing findings, same as one host ({expected.Sum(f => f.Count)}); " +
            $"{actualAlerts.Sum(a => a.Split(',', StringSplitOptions.RemoveEmptyEntries).Length)} alerts, same rules, severities and states as one host");
        expected.Sum(f => f.Count).ShouldBeGreaterThan(0, "the input must produce findings for the comparison to mean anything");
        expectedAlerts.ShouldContain(a => a.Length > 0, "the input must page for the alert comparison to mean anything");
        alone.HasExited.ShouldBeFalse();
        first.HasExited.ShouldBeFalse();
        second.HasExited.ShouldBeFalse();
    }

    /// <summary>Per session of <paramref name="sessions"/>, in order: its alerts as "ruleId/severity/state", sorted and joined.</summary>
    private static List<string> AlertsBySession(IReadOnlyList<JsonNode> alerts, IReadOnlyList<(string Id, int Events)> sessions) =>
        sessions.Select(s => string.Join(',', alerts
            .Where(a => a["sessionId"]!.GetValue<string>() == s.Id)
            .Select(a => $"{a["ruleId"]!.GetValue<string>()}/{a["severity"]!.GetValue<string>()}/{a["state"]!.GetValue<string>()}")
            .Order(StringComparer.Ordinal))).ToList();

    /// <summary>Each session in three messages of three events, so both hosts work on the same sessions at once; every third session over-delivers.</summary>
    private static async Task<IReadOnlyList<(string Id, int Events)>> SendAsync(string queueName, string prefix, DateTimeOffset start)
    {
        var queue = new QueueClient(Azurite.ConnectionString, queueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.CreateIfNotExistsAsync(cancellationToken: Ct);
        var sessions = new List<(string, int)>();
        var messages = new List<string>();
        for (var i = 0; i < Sessions; i++)
        {
            var script = new SessionScript($"{prefix}-{i:00}") { Start = start, PatientRef = $"MRN-{prefix}-{i:00}" };
            var events = script.StandardIvSession().ToList();
            if (i % 3 == 0)
            {
                events[2] = JsonNode.Parse(events[2].ToJsonString().Replace("52.5", "120", StringComparison.Ordinal))!.AsObject();
            }

            sessions.Add((script.SessionId, events.Count));
            messages.AddRange(events.Chunk(3).Select(SessionScript.Batch));
        }

        // Interleaved across sessions, as many devices send at once.
        foreach (var message in messages.Select((m, n) => (m, n)).OrderBy(x => x.n % 3).ThenBy(x => x.n).Select(x => x.m))
        {
            await queue.SendMessageAsync(message, Ct);
        }

        return sessions;
    }
}
