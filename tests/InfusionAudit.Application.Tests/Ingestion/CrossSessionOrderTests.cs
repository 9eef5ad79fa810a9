using System.Globalization;
using System.Text.Json.Nodes;
using InfusionAudit.Application.Ingestion;
using InfusionAudit.Infrastructure.Storage;
using InfusionAudit.Application.Ports.Sessions;
using InfusionAudit.Infrastructure.Storage.Sessions;
using InfusionAudit.Testing;

namespace InfusionAudit.Application.Tests.Ingestion;

/// <summary>
/// Issue 10.4: the findings of every session are a function of the set of all events of all sessions, whatever order,
/// batching and host they arrived by. The rules that read the patient's history (<c>PATIENT-INTERVAL</c>, the
/// esketamine first session at age ≥ 65) must come out as if every session had been known from the start.
/// </summary>
public sealed class CrossSessionOrderTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TestHost Host => fixture.Host;

    [Fact]
    public async Task ALaterSessionThatArrivedFirstIsJudgedAgainWhenTheEarlierOneArrives()
    {
        var patient = Patient.New();
        var earlier = patient.IvSession(hoursFromFirst: 0);
        var later = patient.IvSession(hoursFromFirst: 2);

        await IngestAsync(Host, later.Events);
        await IngestAsync(Host, earlier.Events);

        (await ActiveFindings(later.Script.SessionId)).ShouldContain(("PATIENT-INTERVAL", earlier.Script.SessionId));
        (await ActiveFindings(earlier.Script.SessionId)).ShouldNotContain(f => f.RuleId == "PATIENT-INTERVAL");
    }

    [Fact]
    public async Task AnElderlyPatientsSecondSessionArrivingFirstLosesItsFirstSessionFindingWhenTheFirstArrives()
    {
        var patient = Patient.New();
        var first = patient.IntranasalSession(daysFromFirst: 0);
        var second = patient.IntranasalSession(daysFromFirst: 4);

        await IngestAsync(Host, second.Events);
        (await ActiveFindings(second.Script.SessionId)).ShouldContain(("DOSE-FIXED-NOT-ALLOWED", "elderly-first-session"));

        await IngestAsync(Host, first.Events);

        (await ActiveFindings(second.Script.SessionId)).ShouldNotContain(("DOSE-FIXED-NOT-ALLOWED", "elderly-first-session"));
        (await ActiveFindings(first.Script.SessionId)).ShouldContain(("DOSE-FIXED-NOT-ALLOWED", "elderly-first-session"));
    }

    [Fact]
    public async Task TwoSessionsOfAPatientStartedInOneMessageSeeEachOther()
    {
        var patient = Patient.New();
        var earlier = patient.IvSession(hoursFromFirst: 0);
        var later = patient.IvSession(hoursFromFirst: 3);
        var together = patient.IvSession(hoursFromFirst: 3);

        await IngestAsync(Host, [.. later.Events, .. together.Events, .. earlier.Events]);

        await ShouldMatchTheReferenceAsync(patient);
        (await ActiveFindings(together.Script.SessionId)).ShouldContain(("PATIENT-INTERVAL", later.Script.SessionId), "sessions at the same instant flag each other");
    }

    [Fact]
    public async Task TwoHostsTakingTwoSessionsOfAPatientAtOnceEachSeeTheOther()
    {
        await using var second = await TestHost.StartAsync();
        var patients = Enumerable.Range(0, 8).Select(_ => Patient.New()).ToList();
        var pairs = patients.Select(p => (Earlier: p.IvSession(hoursFromFirst: 0), Later: p.IvSession(hoursFromFirst: 5))).ToList();

        // Each pair at once: the earlier session to one host, the later to the other, alternating which host gets which.
        await Task.WhenAll(pairs.Select((pair, i) => Task.WhenAll(
            IngestAsync(i % 2 == 0 ? Host : second, pair.Earlier.Events),
            IngestAsync(i % 2 == 0 ? second : Host, pair.Later.Events))));

        foreach (var patient in patients)
        {
            await ShouldMatchTheReferenceAsync(patient);
        }
    }

    [Fact]
    public async Task TheLaterSessionArrivingFirstOnOneHostIsJudgedAgainByTheOtherHost()
    {
        await using var second = await TestHost.StartAsync();
        var patient = Patient.New();
        var earlier = patient.IvSession(hoursFromFirst: 0);
        var later = patient.IvSession(hoursFromFirst: 23.5);

        await IngestAsync(Host, later.Events);
        await IngestAsync(second, earlier.Events);

        (await ActiveFindings(later.Script.SessionId)).ShouldContain(("PATIENT-INTERVAL", earlier.Script.SessionId));
    }

    /// <summary>
    /// Storage cost: a session arriving after its patient's earlier sessions costs what a new patient's session costs
    /// (the patient index read it always made); a session arriving before a later one of its patient adds only the
    /// re-judging of that later session (its commit, and a read when this host holds no copy of it).
    /// </summary>
    [Fact]
    public async Task ReJudgingCostsRequestsOnlyWhenALaterSessionOfThePatientIsAlreadyKnown()
    {
        await using var host = await TestHost.StartAsync(settings: new Dictionary<string, string?> { ["LocalHost:Clock"] = "off", ["LocalHost:AlertClock"] = "off" });
        var counter = host.Get<StorageRequestCounter>();
        async Task<(long Requests, string ByOperation)> Measure(PatientSession session)
        {
            var before = counter.ByOperation;
            await IngestAsync(host, session.Events);

            // Table requests only: the host's queue listener polls its (empty) queue and reads its properties meanwhile.
            var tables = counter.ByOperation
                .Where(o => !o.Key.Contains("/messages", StringComparison.Ordinal) && !o.Key.Contains(host.EventsQueue, StringComparison.Ordinal))
                .Select(o => (o.Key, Count: o.Value - before.GetValueOrDefault(o.Key)))
                .Where(o => o.Count > 0)
                .ToList();
            return (tables.Sum(o => o.Count), string.Join(", ", tables.Select(o => $"{o.Key} {o.Count}")));
        }

        // Sessions 30 h apart: no finding either way, so the index writes are the same and only re-judging differs.
        var inOrder = Patient.New();
        var first = await Measure(inOrder.IvSession(hoursFromFirst: 0));
        var following = await Measure(inOrder.IvSession(hoursFromFirst: 30));

        var outOfOrder = Patient.New();
        var laterFirst = await Measure(outOfOrder.IvSession(hoursFromFirst: 30));
        var earlierSecond = await Measure(outOfOrder.IvSession(hoursFromFirst: 0));

        TestContext.Current.TestOutputHelper?.WriteLine($"first {first}; following {following}; later first {laterFirst}; earlier second {earlierSecond}");
        following.Requests.ShouldBe(first.Requests, $"first: {first.ByOperation}; following: {following.ByOperation}");
        laterFirst.Requests.ShouldBe(first.Requests, $"first: {first.ByOperation}; later first: {laterFirst.ByOperation}");
        (earlierSecond.Requests - first.Requests).ShouldBeInRange(1, 2, $"first: {first.ByOperation}; earlier second: {earlierSecond.ByOperation}");
    }

    /// <summary>
    /// Property: for random orders, batchings (sessions mixed in one message, events split across messages) and hosts,
    /// of several patients' sessions (IV within and beyond 24 h, same-instant starts, elderly intranasal courses),
    /// every session ends with the history findings it would have had if every session had been known from the start.
    /// </summary>
    [Fact]
    public async Task HistoryFindingsAreTheSameForAnyOrderBatchingAndHostOfSeveralPatientsSessions()
    {
        await using var second = await TestHost.StartAsync();
        var hosts = new[] { Host, second };
        for (var seed = 1; seed <= 6; seed++)
        {
            var random = new Random(seed);
            var patients = Enumerable.Range(0, 3).Select(_ => Patient.New()).ToList();
            foreach (var patient in patients)
            {
                double[] hours = random.Next(3) switch
                {
                    0 => [0, 2, 30],
                    1 => [0, 0, 20],
                    _ => [0, 12, 23.99],
                };
                foreach (var h in hours)
                {
                    patient.IvSession(h);
                }

                if (random.Next(2) == 0)
                {
                    patient.IntranasalSession(daysFromFirst: 3);
                    patient.IntranasalSession(daysFromFirst: 6);
                }
            }

            var events = patients.SelectMany(p => p.Sessions).SelectMany(s => s.Events).OrderBy(_ => random.Next()).ToList();
            var messages = new List<List<JsonObject>>();
            for (var i = 0; i < events.Count;)
            {
                var size = Math.Min(events.Count - i, 1 + random.Next(6));
                messages.Add(events.GetRange(i, size));
                i += size;
            }

            // Messages go out in waves of up to four at once, each to a random host.
            for (var i = 0; i < messages.Count;)
            {
                var wave = messages.Skip(i).Take(1 + random.Next(4)).ToList();
                await Task.WhenAll(wave.Select(m => IngestAsync(hosts[random.Next(2)], m)));
                i += wave.Count;
            }

            foreach (var patient in patients)
            {
                await ShouldMatchTheReferenceAsync(patient, $"seed {seed}");
            }
        }
    }

    /// <summary>The history findings each session must carry when all its patient's sessions are known.</summary>
    private async Task ShouldMatchTheReferenceAsync(Patient patient, string? because = null)
    {
        foreach (var session in patient.Sessions)
        {
            var expected = new List<(string RuleId, string EpisodeKey)>();
            foreach (var other in patient.Sessions.Where(o => o != session))
            {
                var gap = session.Start - other.Start;
                if (gap >= TimeSpan.Zero && gap < TimeSpan.FromHours(24))
                {
                    expected.Add(("PATIENT-INTERVAL", other.Script.SessionId));
                }
            }

            if (session.Intranasal && !patient.Sessions.Any(o => o.Intranasal && o.Start < session.Start))
            {
                expected.Add(("DOSE-FIXED-NOT-ALLOWED", "elderly-first-session"));
            }

            var actual = (await ActiveFindings(session.Script.SessionId))
                .Where(f => f.RuleId == "PATIENT-INTERVAL" || f.EpisodeKey == "elderly-first-session")
                .ToList();
            actual.ShouldBe(expected, ignoreOrder: true, $"session {session.Script.SessionId} {because}");
        }
    }

    private async Task<List<(string RuleId, string EpisodeKey)>> ActiveFindings(string sessionId) =>
        [.. (await Host.Get<SessionRepository>().LoadAsync(sessionId, Ct)).Findings.Where(f => f.RetractedAt is null).Select(f => (f.RuleId, f.EpisodeKey))];

    private static async Task IngestAsync(TestHost host, IReadOnlyList<JsonObject> events)
    {
        var result = await host.Ingest.HandleAsync(SessionScript.Batch(events), new IngestContext("queue", "m-" + Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow), Ct);
        result.Rejected.ShouldBe(0);
    }

    private sealed record PatientSession(SessionScript Script, DateTimeOffset Start, bool Intranasal, IReadOnlyList<JsonObject> Events);

    private sealed class Patient(string patientRef, string clinicId, DateTimeOffset first)
    {
        public List<PatientSession> Sessions { get; } = [];

        public static Patient New() => new(
            "MRN-" + Guid.NewGuid().ToString("N")[..10],
            "xs-" + Guid.NewGuid().ToString("N")[..8],
            DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - (20 * 24 * 3600)));

        /// <summary>An IV session started <paramref name="hoursFromFirst"/> after the patient's first: start, one reading, end.</summary>
        public PatientSession IvSession(double hoursFromFirst)
        {
            var script = new SessionScript(clinicId: clinicId) { Start = first.AddHours(hoursFromFirst), PatientRef = patientRef };
            return Add(new PatientSession(script, script.Start, false, [script.Started(), script.Vitals(TimeSpan.FromMinutes(5)), script.Ended(TimeSpan.FromMinutes(10), "other")]));
        }

        /// <summary>An esketamine session of a 70-year-old prescribed 56 mg: on the first session 28 mg is expected.</summary>
        public PatientSession IntranasalSession(double daysFromFirst)
        {
            var script = new SessionScript(clinicId: clinicId, deviceId: "in-1") { Start = first.AddDays(daysFromFirst), PatientRef = patientRef };
            var started = script.Event("SessionStarted", TimeSpan.Zero, new JsonObject
            {
                ["patientRef"] = patientRef,
                ["protocolId"] = "esketamine-in-trd",
                ["route"] = "IN",
                ["weightKg"] = 70,
                ["prescribedDoseMg"] = 56,
                ["patientAgeYears"] = 70,
            });
            return Add(new PatientSession(script, script.Start, true, [started, script.Vitals(TimeSpan.FromMinutes(1)), script.Ended(TimeSpan.FromMinutes(130), "other")]));
        }

        private PatientSession Add(PatientSession session)
        {
            Sessions.Add(session);
            return session;
        }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{clinicId}/{Sessions.Count} sessions");
    }
}
