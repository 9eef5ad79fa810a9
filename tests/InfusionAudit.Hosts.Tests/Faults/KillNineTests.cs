using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using InfusionAudit.Simulator.Generation;
using InfusionAudit.Testing;

namespace InfusionAudit.Hosts.Tests.Faults;

/// <summary>
/// Issue 11 item 8, fault-injection suite: the local host is killed with SIGKILL in the middle of a simulated clinic day
/// and started again. Against a fault-free baseline of the same input on fresh storage: every event stored exactly once,
/// the same standing findings and alerts, the messages the dead host held redelivered (the time it took printed), and the
/// critical alerts raised meanwhile that the baseline never raised (false pages) counted.
/// </summary>
public sealed class KillNineTests
{
    private const int Sessions = 120;
    private const int EventsPerMessage = 8;

    /// <summary>
    /// How long the restarted host may take to store the rest of the day: the hold on the messages the dead host had
    /// (LocalHostSetup.MessageHold, about a minute), a restart, and the two thirds of the day still queued, processed
    /// beside the fault-free run and the other suites on two cores. A liveness bound, not a timing claim: the time the
    /// restarted host took is printed (docs/reliability.md quotes it from a quiet run).
    /// </summary>
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(240);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Clean sessions plus over-delivery, critical vitals and pump mismatches: the cases a hole can make look worse.</summary>
    private static readonly ScenarioMix Mix = ScenarioMix.From(
        (Scenario.StandardIv, 4), (Scenario.Intranasal, 2), (Scenario.FastInfusion, 1), (Scenario.WrongRate, 1),
        (Scenario.HypertensiveCrisis, 1), (Scenario.PumpMismatch, 1), (Scenario.Subcutaneous, 1));

    [Fact]
    public async Task AKilledLocalHostLosesNothingDoublesNothingAndJudgesLikeAFaultFreeRunOnceRedelivered()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var clinic = "kill-" + tag;
        var day = new ClinicDayGenerator(new ClinicDayOptions
        {
            ClinicId = clinic,
            // A day that ended well before it is sent (ten sessions a chair span up to about 30 h): every batch is a
            // backlog, which the clock check takes as no evidence on device clocks. A day starting 12 h ago ran up to
            // the send time, and when each Azurite received a message decided some pumps' clock verdicts near the
            // 10-minute limit, and with them the rate-history findings (DURATION-HARD standing in the fault-free run,
            // not evaluated in the crash run): the verdict is a function of the events and their receipt times, and
            // only the receipt times differ between the two runs.
            Start = DateTimeOffset.UtcNow.AddHours(-48),
            Seed = 11,
            Sessions = Sessions,
            Chairs = 12,
            IdPrefix = "K" + tag,
            Mix = Mix,
        }).Generate().ToList();
        var sent = day.ToDictionary(s => s.SessionId, s => s.RecordedEvents.Select(e => IdOf(e.Json)).ToHashSet());
        // As a gateway forwards them: in send order across chairs, so one message carries several sessions' events.
        var messages = day.SelectMany(s => s.Events).OrderBy(e => e.SendAt).ThenBy(e => e.SessionId, StringComparer.Ordinal).ThenBy(e => e.Sequence)
            .Chunk(EventsPerMessage).Select(chunk => "[" + string.Join(",", chunk.Select(e => e.Json)) + "]").ToList();
        var hostJson = Path.Combine(RepositoryPaths.Root, "host.json");
        // The session clock judges against the wall clock; the comparison is of what the events alone decide.
        // The gap hold (a problem judged with events missing waits this long for them before it pages) is sized for a
        // production host: 60 s, against 33-52 s measured for a restart and its backlog (docs/reliability.md). Here the
        // restarted host works off two thirds of the day beside the fault-free run and the other suites on two cores,
        // which took up to 4 min: the hold is made longer than that, so the test proves that held problems are
        // withdrawn before they page, not how fast this machine is.
        var settings = new Dictionary<string, string> { ["LocalHost:Clock"] = "off", ["InfusionAudit:Alerts:GapHold"] = "00:05:00" };

        await using var cleanStorage = await OnDiskAzurite.StartAsync();
        await using var crashStorage = await OnDiskAzurite.StartAsync();
        var queueName = "events-" + tag;
        using var clean = await LocalHostProcess.StartAsync(cleanStorage.ConnectionString, queueName, hostJson, settings);
        var crashed = await LocalHostProcess.StartAsync(crashStorage.ConnectionString, queueName, hostJson, settings);
        LocalHostProcess? restarted = null;
        try
        {
            await Task.WhenAll(SendAsync(cleanStorage, queueName, messages), SendAsync(crashStorage, queueName, messages));

            // Killed once about a third of the day is stored: batches in flight, most of the queue still waiting.
            var third = day[Sessions / 3].SessionId;
            await Eventually.Require("the crash run stores a third of the day", () => crashed.StoredEventIdsAsync(third), ids => ids.Count > 0, TimeSpan.FromSeconds(60));
            crashed.Kill();
            var killedAt = Stopwatch.StartNew();
            restarted = await LocalHostProcess.StartAsync(crashStorage.ConnectionString, queueName, hostJson, settings);

            var afterCrash = await Eventually.Require(
                "every event stored after the kill",
                () => ReadAsync(restarted, day),
                read => read.All(s => sent[s.Key].IsSubsetOf(s.Value.Events)),
                RecoveryBound,
                read => Describe(read, sent));
            var recovery = killedAt.Elapsed;
            var baseline = await Eventually.Require(
                "every event stored in the fault-free run",
                () => ReadAsync(clean, day),
                read => read.All(s => sent[s.Key].IsSubsetOf(s.Value.Events)),
                TimeSpan.FromSeconds(60),
                read => Describe(read, sent));

            // Let both hosts finish their last commits, then read the end state once more.
            await Task.Delay(TimeSpan.FromSeconds(2), Ct);
            baseline = await ReadAsync(clean, day);
            afterCrash = await ReadAsync(restarted, day);
            var cleanAlerts = await AlertsAsync(clean, clinic);
            var crashAlerts = await AlertsAsync(restarted, clinic);

            var events = sent.Sum(s => s.Value.Count);
            var stored = afterCrash.Sum(s => s.Value.Events.Count);
            var duplicates = afterCrash.Sum(s => s.Value.Events.Count - s.Value.Events.Distinct().Count());
            var losses = sent.Sum(s => s.Value.Except(afterCrash[s.Key].Events).Count());
            var falseCriticals = crashAlerts.Where(a => a.Severity == "critical").Select(a => a.Key).Except(cleanAlerts.Select(a => a.Key)).ToList();
            var falseCriticalAlerts = crashAlerts.Where(a => falseCriticals.Contains(a.Key)).ToList();
            var standing = baseline.Sum(s => s.Value.Standing.Count);
            var withdrawn = baseline.Sum(s => s.Value.Withdrawn.Count);
            var cleanStanding = baseline.SelectMany(s => s.Value.Standing.Select(f => $"{s.Key}|{f}")).ToHashSet(StringComparer.Ordinal);
            var clockDifferences = baseline.Sum(b => b.Value.Standing.Except(afterCrash[b.Key].Standing).Count() + afterCrash[b.Key].Standing.Except(b.Value.Standing).Count());
            var cleanOrderPages = cleanAlerts.Count(a => a.Severity == "critical" && !cleanStanding.Contains(a.FindingKey));
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"kill -9: {Sessions} sessions, {messages.Count} messages, {events} events in, {stored} stored, {duplicates} duplicates, {losses} losses; " +
                $"baseline {standing} standing + {withdrawn} withdrawn findings, {cleanAlerts.Count} alerts ({cleanAlerts.Count(a => a.Severity == "critical")} critical, {cleanOrderPages} of them for findings withdrawn later); " +
                $"crash run {afterCrash.Sum(s => s.Value.Standing.Count)} standing + {afterCrash.Sum(s => s.Value.Withdrawn.Count)} withdrawn findings, {crashAlerts.Count} alerts; " +
                $"standing findings differing (clock-dependent only) {clockDifferences}; false criticals {falseCriticals.Count} [{string.Join(" | ", falseCriticalAlerts.Select(a => $"{a.Key}: {a.Evidence}"))}]; " +
                $"all stored {recovery.TotalSeconds:0.0} s after the kill");

            losses.ShouldBe(0);
            duplicates.ShouldBe(0);
            stored.ShouldBe(events);
            // CLOCK-IMPLAUSIBLE compares a device's clock offset with the other devices' in the events received together
            // (docs/rules.md): it depends on how arrivals group, which a redelivery changes by design, and so does the
            // dose that cannot be computed for want of a believed clock. Everything else must stand as in the fault-free run.
            static IEnumerable<string> Judged(IEnumerable<string> findings) => findings.Where(f => !ReceiptDependent(f));
            foreach (var (sessionId, expected) in baseline)
            {
                Judged(afterCrash[sessionId].Standing).ShouldBe(Judged(expected.Standing), $"standing findings of {sessionId}");
            }

            // Withdrawn findings (and the pages they raised) depend on arrival order, which concurrent batches vary even
            // without a fault; the end state is compared: the alerts of the findings that stand, same severity and state.
            var standingKeys = baseline.SelectMany(s => s.Value.Standing.Select(f => $"{s.Key}|{f}")).ToHashSet(StringComparer.Ordinal);
            crashAlerts.Where(a => standingKeys.Contains(a.FindingKey)).Select(a => a.Comparable).Order(StringComparer.Ordinal)
                .ShouldBe(cleanAlerts.Where(a => standingKeys.Contains(a.FindingKey)).Select(a => a.Comparable).Order(StringComparer.Ordinal));
            // A crash pages nobody falsely (issue 11 item 8): a problem judged while the dead host still held some of its
            // events waits one gap hold for them, and their arrival withdraws it before anyone is paged.
            falseCriticals.ShouldBeEmpty();
            standing.ShouldBeGreaterThan(0, "the day must produce findings for the comparison to mean anything");
            cleanAlerts.ShouldContain(a => a.Severity == "critical", "the day must page for the comparison to mean anything");
            restarted.HasExited.ShouldBeFalse(restarted.Tail());
        }
        finally
        {
            crashed.Dispose();
            restarted?.Dispose();
        }
    }

    private static bool ReceiptDependent(string finding) =>
        finding.StartsWith("CLOCK-IMPLAUSIBLE|", StringComparison.Ordinal) || finding.StartsWith("DOSE-NOT-COMPUTABLE|implausible-clock|", StringComparison.Ordinal);

    private static async Task SendAsync(OnDiskAzurite storage, string queueName, IReadOnlyList<string> messages)
    {
        var queue = new QueueClient(storage.ConnectionString, queueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.CreateIfNotExistsAsync(cancellationToken: Ct);
        foreach (var message in messages)
        {
            await queue.SendMessageAsync(message, Ct);
        }
    }

    private static string IdOf(string json) => JsonNode.Parse(json)!["eventId"]!.GetValue<string>();

    private static string Describe(IReadOnlyDictionary<string, SessionState> read, IReadOnlyDictionary<string, HashSet<string>> sent) =>
        $"{read.Sum(s => s.Value.Events.Count)} of {sent.Sum(s => s.Value.Count)} events stored; sessions short: " +
        string.Join(' ', read.Where(s => !sent[s.Key].IsSubsetOf(s.Value.Events)).Select(s => $"{s.Key}={s.Value.Events.Count}/{sent[s.Key].Count}").Take(20));

    private static async Task<IReadOnlyDictionary<string, SessionState>> ReadAsync(LocalHostProcess host, IReadOnlyList<GeneratedSession> day)
    {
        using var client = host.Client(TestKeys.Auditor);
        using var throttle = new SemaphoreSlim(8);
        var states = await Task.WhenAll(day.Select(async s =>
        {
            await throttle.WaitAsync(Ct);
            try
            {
                return (s.SessionId, State: await ReadSessionAsync(client, s.SessionId));
            }
            finally
            {
                throttle.Release();
            }
        }));
        return states.ToDictionary(s => s.SessionId, s => s.State);
    }

    private static async Task<SessionState> ReadSessionAsync(HttpClient client, string sessionId)
    {
        try
        {
            using var response = await client.GetAsync($"/api/sessions/{sessionId}", Ct);
            if (!response.IsSuccessStatusCode)
            {
                return SessionState.Unknown;
            }

            var session = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
            var findings = session["findings"]!.AsArray();
            string Label(JsonNode? f) => $"{f!["ruleId"]!.GetValue<string>()}|{f["episodeKey"]!.GetValue<string>()}|{f["severity"]!.GetValue<string>()}";
            return new SessionState(
                session["events"]!.AsArray().Select(e => (e!["eventId"] ?? e["event"]?["eventId"])!.GetValue<string>()).ToList(),
                findings.Where(f => f!["retractedAt"] is null).Select(Label).Order(StringComparer.Ordinal).ToList(),
                findings.Where(f => f!["retractedAt"] is not null).Select(Label).Order(StringComparer.Ordinal).ToList());
        }
        catch (HttpRequestException)
        {
            return SessionState.Unknown;
        }
    }

    private static async Task<IReadOnlyList<AlertSummary>> AlertsAsync(LocalHostProcess host, string clinic) =>
        [.. (await host.AlertsAsync(clinic)).Select(alert => new AlertSummary(
            $"{alert["sessionId"]!.GetValue<string>()}|{alert["ruleId"]!.GetValue<string>()}|{alert["episodeKey"]!.GetValue<string>()}",
            alert["severity"]!.GetValue<string>(),
            alert["state"]!.GetValue<string>(),
            alert["evidence"]!.GetValue<string>()))];

    private sealed record SessionState(IReadOnlyList<string> Events, IReadOnlyList<string> Standing, IReadOnlyList<string> Withdrawn)
    {
        public static SessionState Unknown { get; } = new([], [], []);
    }

    private sealed record AlertSummary(string Key, string Severity, string State, string Evidence)
    {
        public string FindingKey => $"{Key}|{Severity}";

        public string Comparable => $"{Key}|{Severity}|{State}";
    }
}
