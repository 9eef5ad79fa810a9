using System.Text.Json.Nodes;
using InfusionAudit.Application.Ingestion;
using InfusionAudit.Infrastructure.Storage;
using InfusionAudit.Testing;

namespace InfusionAudit.Application.Tests.Ingestion;

/// <summary>
/// Issue 13, "the extra storage requests that the course rules cost per session are measured" (target: at most one
/// extra read per new session, none per event). One patient's IV course (6 sessions over 12 days, 0.5 mg/kg each, no
/// finding) is sent to two hosts on Azurite: one with the IV protocol as built (<c>course</c>: 3 sessions a week, step
/// 0.25 mg/kg, 2 mg/kg a week) and one whose IV protocol file has no <c>course</c> section (the course rules off), once
/// a whole session per message and once one event per message. Storage requests are counted by the SDK pipeline policy
/// (<see cref="StorageRequestCounter"/>); counts, not times, so the figures are exact and the assertions deterministic.
/// </summary>
public sealed class CourseStorageCostTests
{
    private static readonly double[] CourseDays = [0, 2, 4, 7, 9, 11];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheCourseRulesCostOneReadPerEndedSessionAndNonePerEvent()
    {
        var timersOff = new Dictionary<string, string?> { ["LocalHost:Clock"] = "off", ["LocalHost:AlertClock"] = "off" };
        await using var withCourse = await TestHost.StartAsync(settings: timersOff);
        await using var withoutCourse = await TestHost.StartAsync(settings: new Dictionary<string, string?>(timersOff) { ["InfusionAudit:ProtocolsPath"] = ProtocolsWithoutIvCourse() });

        var perSession = (With: await MeasureAsync(withCourse, perEvent: false), Without: await MeasureAsync(withoutCourse, perEvent: false));
        var perEvent = (With: await MeasureAsync(withCourse, perEvent: true), Without: await MeasureAsync(withoutCourse, perEvent: true));

        var sessions = CourseDays.Length;
        var events = perSession.With.Events;
        var extraPerSessionMessages = Extra(perSession.With, perSession.Without);
        var extraPerEventMessages = Extra(perEvent.With, perEvent.Without);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"""
            {sessions} sessions, {events} events of one patient.
            one message per session: with course {perSession.With.Requests} requests ({perSession.With.ByOperation}); without {perSession.Without.Requests} ({perSession.Without.ByOperation}); extra {Describe(extraPerSessionMessages)}
            one message per event: with course {perEvent.With.Requests} requests ({perEvent.With.ByOperation}); without {perEvent.Without.Requests} ({perEvent.Without.ByOperation}); extra {Describe(extraPerEventMessages)}
            """);

        // Exactly one range read of the patient's sessions per ended session (COURSE-CUMULATIVE: its delivered dose is
        // final only then), and no other read however the events are batched. Writes carry no extra row either, but how
        // many transactions the group commit packs the same rows into depends on timing (a clean-clone run once counted
        // one $batch more with the course rules): the write count may differ by one.
        Reads(extraPerSessionMessages).ShouldBe(new Dictionary<string, long> { [PatientReadOperation(perSession.With)] = sessions });
        Reads(extraPerEventMessages).ShouldBe(Reads(extraPerSessionMessages));
        Math.Abs(Writes(extraPerSessionMessages)).ShouldBeLessThanOrEqualTo(1, Describe(extraPerSessionMessages));
        Math.Abs(Writes(extraPerEventMessages)).ShouldBeLessThanOrEqualTo(1, Describe(extraPerEventMessages));
    }

    private static Dictionary<string, long> Reads(Dictionary<string, long> counts) =>
        counts.Where(c => c.Key.StartsWith("GET ", StringComparison.Ordinal)).ToDictionary(c => c.Key, c => c.Value);

    private static long Writes(Dictionary<string, long> counts) =>
        counts.Where(c => !c.Key.StartsWith("GET ", StringComparison.Ordinal)).Sum(c => c.Value);

    private static async Task<Measurement> MeasureAsync(TestHost host, bool perEvent)
    {
        var patientRef = "MRN-" + Guid.NewGuid().ToString("N")[..10];
        var now = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var sessions = CourseDays.Select(day => Session(new SessionScript { Start = now.AddDays(day - 12), PatientRef = patientRef })).ToList();
        var counter = host.Get<StorageRequestCounter>();
        var before = counter.ByOperation;
        foreach (var session in sessions)
        {
            foreach (var message in perEvent ? session.Select(e => new[] { e }) : [session.ToArray()])
            {
                var result = await host.Ingest.HandleAsync(SessionScript.Batch(message), new IngestContext("queue", "m-" + Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow), Ct);
                result.Rejected.ShouldBe(0);
            }
        }

        // Table requests only: the host's queue listener polls its (empty) queue meanwhile.
        var tables = counter.ByOperation
            .Where(o => !o.Key.Contains("/messages", StringComparison.Ordinal) && !o.Key.Contains(host.EventsQueue, StringComparison.Ordinal))
            .Select(o => (o.Key, Count: o.Value - before.GetValueOrDefault(o.Key)))
            .Where(o => o.Count > 0)
            .ToDictionary(o => o.Key, o => o.Count);
        return new Measurement(sessions.Sum(s => s.Count), tables);
    }

    private static Dictionary<string, long> Extra(Measurement with, Measurement without) =>
        with.Operations.Keys.Union(without.Operations.Keys)
            .Select(k => (k, n: with.Operations.GetValueOrDefault(k) - without.Operations.GetValueOrDefault(k)))
            .Where(d => d.n != 0)
            .ToDictionary(d => d.k, d => d.n);

    private static string Describe(Dictionary<string, long> extra) => extra.Count == 0 ? "none" : string.Join(", ", extra.Select(e => $"{e.Key} {e.Value:+#;-#}"));

    // The directory's range read of a patient's sessions: a GET on the table the first write of every session reads.
    private static string PatientReadOperation(Measurement with) =>
        with.Operations.Keys.Single(k => k.StartsWith("GET ", StringComparison.Ordinal) && k.Contains("Directory", StringComparison.OrdinalIgnoreCase));

    // A standard 0.5 mg/kg infusion at 70 kg over 40 min, delivered in full, ended and discharged: no finding.
    private static List<JsonObject> Session(SessionScript s) =>
    [
        s.Vitals(TimeSpan.FromMinutes(-5)),
        s.Started(),
        s.Rate(TimeSpan.FromSeconds(30), 52.5),
        s.Vitals(TimeSpan.FromMinutes(10)),
        s.Vitals(TimeSpan.FromMinutes(20)),
        s.Vitals(TimeSpan.FromMinutes(30)),
        s.Rate(TimeSpan.FromSeconds(30) + TimeSpan.FromMinutes(40), 0),
        s.PumpTotal(TimeSpan.FromMinutes(41), 35),
        s.Vitals(TimeSpan.FromMinutes(44)),
        s.Ended(TimeSpan.FromMinutes(45)),
        s.Vitals(TimeSpan.FromMinutes(58)),
        s.Vitals(TimeSpan.FromMinutes(70)),
        s.Event("PatientDischarged", TimeSpan.FromMinutes(75), new JsonObject()),
    ];

    private static string ProtocolsWithoutIvCourse()
    {
        var folder = Path.Combine(Path.GetTempPath(), "protocols-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "protocols"), "*.json"))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        var iv = Path.Combine(folder, "ketamine-iv-depression.v1.json");
        var protocol = JsonNode.Parse(File.ReadAllText(iv))!.AsObject();
        protocol.Remove("course").ShouldBeTrue();
        File.WriteAllText(iv, protocol.ToJsonString());
        return folder;
    }

    private sealed record Measurement(int Events, Dictionary<string, long> Operations)
    {
        public long Requests => Operations.Values.Sum();

        public string ByOperation => string.Join(", ", Operations.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} {o.Value}"));
    }
}
