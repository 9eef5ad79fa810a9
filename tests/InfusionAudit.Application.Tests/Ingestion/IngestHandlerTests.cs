using System.Text.Json;
using System.Text.Json.Nodes;
using InfusionAudit.Application.Ingestion;
using InfusionAudit.Application.Sessions;
using InfusionAudit.Application.Ports.Alerts;
using InfusionAudit.Infrastructure.Storage.Alerts;
using InfusionAudit.Application.Ports.Indexes;
using InfusionAudit.Infrastructure.Storage.Indexes;
using InfusionAudit.Application.Ports.Rejections;
using InfusionAudit.Infrastructure.Storage.Rejections;
using InfusionAudit.Application.Ports.Sessions;
using InfusionAudit.Infrastructure.Storage.Sessions;
using InfusionAudit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InfusionAudit.Application.Tests.Ingestion;

public sealed class IngestHandlerTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TestHost Host => fixture.Host;

    [Fact]
    public async Task AStandardSessionIsStoredWithItsEventsInSequenceOrderAndItsState()
    {
        var script = new SessionScript();
        var events = script.StandardIvSession();

        var result = await Ingest(SessionScript.Batch(events.Reverse()));

        result.Accepted.ShouldBe(events.Count);
        var session = await Host.Get<SessionQueryHandler>().GetAsync(script.SessionId, Ct);
        session.ShouldNotBeNull();
        session.Events.Select(e => e.Sequence).ShouldBe(Enumerable.Range(0, events.Count).Select(i => (long)i));
        session.State.GetProperty("status").GetString().ShouldBe("ended");
        session.State.GetProperty("protocolId").GetString().ShouldBe("ketamine-iv-depression");
    }

    [Fact]
    public async Task RedeliveringAMessageStoresNothingTwiceAndLeavesTheStateUntouched()
    {
        var script = new SessionScript();
        var message = SessionScript.Batch(script.StandardIvSession());
        var context = Context();
        await Host.Ingest.HandleAsync(message, context, Ct);
        var before = await Host.Get<SessionRepository>().LoadAsync(script.SessionId, Ct);

        var again = await Host.Ingest.HandleAsync(message, context, Ct);

        again.Duplicate.ShouldBe(before.Events.Count);
        again.Accepted.ShouldBe(0);
        var after = await Host.Get<SessionRepository>().LoadAsync(script.SessionId, Ct);
        after.StateETag.ShouldBe(before.StateETag);
        after.Events.Count.ShouldBe(before.Events.Count);
        after.Findings.Count.ShouldBe(before.Findings.Count);
    }

    [Fact]
    public async Task ABatchOverlappingAnEarlierOneAddsOnlyTheNewEvents()
    {
        var script = new SessionScript();
        var events = script.StandardIvSession();
        await Ingest(SessionScript.Batch(events.Take(6)));

        var second = await Ingest(SessionScript.Batch(events.Skip(3)));

        second.Duplicate.ShouldBe(3);
        second.Accepted.ShouldBe(events.Count - 6);
        (await Host.Get<SessionRepository>().LoadAsync(script.SessionId, Ct)).Events.Count.ShouldBe(events.Count);
    }

    [Fact]
    public async Task AnEventIdReusedForDifferentContentIsRejectedAndTheFirstEventKept()
    {
        var script = new SessionScript();
        var rate = script.Rate(TimeSpan.FromMinutes(1), 52.5);
        await Ingest(SessionScript.Batch([script.Started(), rate]));
        var forged = (JsonObject)rate.DeepClone();
        forged["payload"]!["rateMlPerHour"] = 500;

        var result = await Ingest(forged.ToJsonString());

        result.Events.Single().Status.ShouldBe(EventOutcomeStatus.Rejected);
        result.Events.Single().Rejection!.Rule.ShouldBe("event-id-reused");
        var stored = await Host.Get<SessionRepository>().LoadAsync(script.SessionId, Ct);
        stored.Events.Single(e => e.EventId == rate["eventId"]!.GetValue<string>()).RawJson.ShouldContain("52.5");
    }

    [Fact]
    public async Task AnEventOfAnotherClinicWithAKnownSessionIdGoesToThatClinicsOwnSession()
    {
        var script = new SessionScript();
        await Ingest(script.Started().ToJsonString());
        var other = new SessionScript(script.SessionId, clinicId: "other-clinic-" + Guid.NewGuid().ToString("N")[..8]);

        var result = await Ingest(other.Event("VitalsRecorded", TimeSpan.FromMinutes(2), new JsonObject { ["heartRateBpm"] = 80 }).ToJsonString());

        result.Events.Single().Status.ShouldBe(EventOutcomeStatus.Accepted);
        (await Host.Get<SessionRepository>().LoadAsync(script.ClinicId, script.SessionId, Ct)).Events.ShouldHaveSingleItem().Type.ShouldBe("SessionStarted");
        (await Host.Get<SessionRepository>().LoadAsync(other.ClinicId, script.SessionId, Ct)).Events.ShouldHaveSingleItem().Type.ShouldBe("VitalsRecorded");
    }

    [Fact]
    public async Task InvalidEventsAreKeptWithTheirReasonAndDoNotStopTheValidOnesOfTheSameMessage()
    {
        var script = new SessionScript(clinicId: "rej-" + Guid.NewGuid().ToString("N")[..8]);
        var bad = script.Started(weightKg: -70);
        var context = Context();

        var result = await Host.Ingest.HandleAsync(SessionScript.Batch([script.Vitals(TimeSpan.Zero), bad, script.Vitals(TimeSpan.FromMinutes(5))]), context, Ct);

        result.Events.Select(e => e.Status).ShouldBe([EventOutcomeStatus.Accepted, EventOutcomeStatus.Rejected, EventOutcomeStatus.Accepted]);
        result.Events[1].Rejection!.Field.ShouldBe("payload.weightKg");
        var rejected = await Host.Get<RejectedEventRepository>().ListAsync(script.ClinicId, DateOnly.FromDateTime(script.Start.UtcDateTime), Ct);
        var row = rejected.ShouldHaveSingleItem();
        row.Field.ShouldBe("payload.weightKg");
        row.EventId.ShouldBe(bad["eventId"]!.GetValue<string>());
        row.RawText.ShouldContain("-70");
        row.RawText.ShouldNotContain(script.PatientRef);
    }

    [Fact]
    public async Task ThePatientReferenceIsStoredOnlyAsItsKeyedHash()
    {
        var script = new SessionScript();
        await Ingest(SessionScript.Batch(script.StandardIvSession()));

        var partition = await Host.Get<SessionRepository>().LoadAsync(script.SessionId, Ct);
        var everything = string.Join("\n", partition.Events.Select(e => e.RawJson).Append(partition.State!.StateJson).Append(partition.State.PatientHistoryJson ?? ""));
        everything.ShouldNotContain(script.PatientRef);
        everything.ShouldContain("hmac-sha256:");
        var hash = JsonNode.Parse(partition.Events.Single(e => e.Type == "SessionStarted").RawJson)!["payload"]!["patientRef"]!.GetValue<string>();
        (await Host.Get<SessionDirectory>().PatientSessionsAsync(hash, Ct)).ShouldContain(r => r.SessionId == script.SessionId);
    }

    [Fact]
    public async Task TwoHostsWritingTheSameSessionAtOnceLoseNoEvent()
    {
        var log = new LogRecorder();
        await using var first = await TestHost.StartAsync(settings: DebugCommits, services: s => s.AddSingleton<ILoggerProvider>(log));
        await using var second = await TestHost.StartAsync(settings: DebugCommits, services: s => s.AddSingleton<ILoggerProvider>(log));
        var script = new SessionScript();
        var events = new List<JsonObject> { script.Started() };
        events.AddRange(Enumerable.Range(1, 59).Select(i => script.Vitals(TimeSpan.FromSeconds(20 * i), heartRate: 60 + (i % 30))));

        // Every event is its own message, alternately to each host, all at once: each write races the other host's.
        var ingests = events.Select((e, i) => (i % 2 == 0 ? first : second).Ingest.HandleAsync(e.ToJsonString(), Context(), Ct));
        var results = await Task.WhenAll(ingests);

        // The race happened: some write found the session changed by the other host and was done again.
        log.Entries.Count(e => e.EventName == "LogConflict" && e.Message.Contains(script.SessionId, StringComparison.Ordinal)).ShouldBeGreaterThan(0);
        results.Sum(r => r.Accepted).ShouldBe(events.Count);
        var partition = await first.Get<SessionRepository>().LoadAsync(script.SessionId, Ct);
        partition.Events.Count.ShouldBe(events.Count);
        partition.State!.EventCount.ShouldBe(events.Count);
        JsonDocument.Parse(partition.State.StateJson).RootElement.GetProperty("eventCount").GetInt32().ShouldBe(events.Count);
    }

    [Fact]
    public async Task TwoHostsWritingInterleavedMessagesOfManySessionsOfOneClinicLoseNothing()
    {
        await using var second = await TestHost.StartAsync();
        var clinic = "mh-" + Guid.NewGuid().ToString("N")[..8];
        var scripts = Enumerable.Range(0, 12).Select(_ => new SessionScript(clinicId: clinic)).ToList();
        var events = scripts
            .SelectMany(s => Enumerable.Range(0, 25).Select(i => (At: i, Event: i == 0 ? s.Started() : s.Vitals(TimeSpan.FromSeconds(30 * i), heartRate: 70 + i))))
            .OrderBy(x => x.At)
            .Select(x => x.Event)
            .ToList();

        // Messages of 20 events from many sessions, as a clinic gateway sends them, to both hosts at once: the sessions
        // of one clinic share transactions on each host and race the other host's.
        var messages = events.Chunk(20).Select(SessionScript.Batch).ToList();
        var results = await Task.WhenAll(messages.Select((m, i) => (i % 2 == 0 ? Host : second).Ingest.HandleAsync(m, Context(), Ct)));

        results.Sum(r => r.Accepted).ShouldBe(events.Count);
        foreach (var script in scripts)
        {
            var partition = await Host.Get<SessionRepository>().LoadAsync(script.SessionId, Ct);
            partition.ClinicId.ShouldBe(clinic);
            partition.Events.Count.ShouldBe(25);
            partition.State!.EventCount.ShouldBe(25);
        }
    }

    [Fact]
    public async Task IndexRowsOfAnAttemptThatLostItsCommitAreCorrectedByTheAttemptThatCommits()
    {
        await using var second = await TestHost.StartAsync();
        var clinic = "ix-" + Guid.NewGuid().ToString("N")[..8];
        var script = new SessionScript(clinicId: clinic);
        var events = new List<JsonObject> { script.Started(), script.Vitals(TimeSpan.FromMinutes(1)), script.Vitals(TimeSpan.FromMinutes(2)), script.Ended(TimeSpan.FromMinutes(3)) };
        await Ingest(SessionScript.Batch(events.Take(2)));
        await second.Ingest.HandleAsync(events[2].ToJsonString(), Context(), Ct);

        // This host's copy lacks event 2: its first attempt judges the end with a hole (SEQ-GAP), files that finding in
        // the clinic's findings index, then loses the commit to the other host's newer state and judges again.
        var result = await Ingest(events[3].ToJsonString());

        result.Accepted.ShouldBe(1);
        var session = await Host.Get<SessionRepository>().LoadAsync(script.SessionId, Ct);
        session.Findings.ShouldNotContain(f => f.RuleId == "SEQ-GAP");
        var day = DateOnly.FromDateTime(script.Start.UtcDateTime);
        var indexed = await Host.Get<ClinicFindingIndex>().ListPageAsync(clinic, day.AddDays(-1), day.AddDays(1), new FindingListFilter(IncludeRetracted: true), null, 1000, Ct);
        indexed.Rows.Where(f => f.SessionId == script.SessionId).Select(f => (f.RuleId, f.DetectedAt))
            .ShouldBe(session.Findings.Select(f => (f.RuleId, f.DetectedAt)), ignoreOrder: true);
    }

    [Fact]
    public async Task AHostWhoseCopyOfASessionIsBehindRaisesNoAlertFromIt()
    {
        await using var second = await TestHost.StartAsync();
        var script = new SessionScript();
        var start = script.Started();
        var rate = script.Rate(TimeSpan.FromMinutes(1), 52.5);
        var stop = script.Rate(TimeSpan.FromMinutes(5), 0);
        var later = script.Vitals(TimeSpan.FromMinutes(60));
        await Ingest(SessionScript.Batch([start, rate]));
        await second.Ingest.HandleAsync(stop.ToJsonString(), Context(), Ct);

        // Without the stop (stored by the other host) this host's copy has the pump running for an hour: 51 mg of a
        // 35 mg prescription, a critical over-delivery that never happened. It must not page anyone.
        await Ingest(later.ToJsonString());

        var session = await Host.Get<SessionRepository>().LoadAsync(script.SessionId, Ct);
        session.Events.Count.ShouldBe(4);
        session.Findings.ShouldNotContain(f => f.RuleId == "DOSE-OVER-DELIVERY");
        (await Host.Get<AlertRepository>().LoadAsync(script.ClinicId, script.SessionId, Ct)).Alerts.ShouldBeEmpty();
    }

    [Fact]
    public async Task AStartRedeliveredToAHostThatHasNotSeenTheSessionIsADuplicate()
    {
        var script = new SessionScript();
        var events = script.StandardIvSession();
        await Ingest(SessionScript.Batch(events));
        await using var other = await TestHost.StartAsync();

        // The other host has no cached copy, and a message with sequence 0 makes it assume a new session.
        var again = await other.Ingest.HandleAsync(SessionScript.Batch(events.Take(3)), Context(), Ct);

        again.Events.Select(e => e.Status).ShouldAllBe(s => s == EventOutcomeStatus.Duplicate);
        (await Host.Get<SessionRepository>().LoadAsync(script.SessionId, Ct)).Events.Count.ShouldBe(events.Count);
    }

    [Fact]
    public async Task AnotherClinicReusingASessionIdOnAHostThatHasNotSeenItGetsItsOwnSessionAndLeavesTheFirstAlone()
    {
        var script = new SessionScript();
        await Ingest(SessionScript.Batch(script.StandardIvSession().Take(3)));
        await using var other = await TestHost.StartAsync();
        var intruder = new SessionScript(script.SessionId, clinicId: "other-" + Guid.NewGuid().ToString("N")[..8]);

        // With its own start (sequence 0, so the host assumes a new session) and without one.
        var withStart = await other.Ingest.HandleAsync(intruder.Started().ToJsonString(), Context(), Ct);
        var later = await other.Ingest.HandleAsync(intruder.Event("VitalsRecorded", TimeSpan.FromMinutes(2), new JsonObject { ["heartRateBpm"] = 80 }).ToJsonString(), Context(), Ct);

        withStart.Events.Single().Status.ShouldBe(EventOutcomeStatus.Accepted);
        later.Events.Single().Status.ShouldBe(EventOutcomeStatus.Accepted);
        var stored = await other.Get<SessionRepository>().LoadAsync(script.ClinicId, script.SessionId, Ct);
        stored.Events.Count.ShouldBe(3);
        stored.Events.ShouldAllBe(e => e.ClinicId == script.ClinicId);
        var second = await other.Get<SessionRepository>().LoadAsync(intruder.ClinicId, script.SessionId, Ct);
        second.State.ShouldNotBeNull();
        second.Events.Count.ShouldBe(2);
    }

    [Fact]
    public async Task AMessageThatOvertakesTheOneBeforeItWaitsForItSoNoTransientGapIsJudged()
    {
        var script = new SessionScript();
        // The later message is let in only once its handler said it waits for the earlier events: the overtaking
        // really happened, whatever the machine's speed.
        var log = new LogRecorder();
        var holding = log.WhenLogged("LogHolding", script.SessionId);
        await using var host = await TestHost.StartAsync(
            settings: new Dictionary<string, string?> { ["Logging:LogLevel:InfusionAudit.Application.Sessions.SessionCommitter"] = "Debug" },
            services: s => s.AddSingleton<ILoggerProvider>(log));
        // The session ends in the later message: a hole before an end is a SEQ-GAP.
        var events = Enumerable.Range(0, 9).Select(i => i switch { 0 => script.Started(), 8 => script.Ended(TimeSpan.FromMinutes(i)), _ => script.Vitals(TimeSpan.FromMinutes(i)) }).ToList();
        await host.Ingest.HandleAsync(SessionScript.Batch(events.Take(3)), Context(), Ct);

        var later = host.Ingest.HandleAsync(SessionScript.Batch(events.Skip(6)), Context(), Ct);
        await holding.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        var heldBack = !later.IsCompleted;
        var earlier = host.Ingest.HandleAsync(SessionScript.Batch(events.Skip(3).Take(3)), Context(), Ct);
        await Task.WhenAll(later, earlier);

        heldBack.ShouldBeTrue("the later message completed before the earlier one was sent");
        var partition = await host.Get<SessionRepository>().LoadAsync(script.SessionId, Ct);
        partition.Events.Count.ShouldBe(9);
        partition.Findings.ShouldNotContain(f => f.RuleId == "SEQ-GAP", "a gap that closed within the same moment was judged (even if retracted later)");
    }

    private static Dictionary<string, string?> DebugCommits => new() { ["Logging:LogLevel:InfusionAudit.Application.Sessions.SessionCommitter"] = "Debug" };

    private Task<IngestResult> Ingest(string message) => Host.Ingest.HandleAsync(message, Context(), Ct);

    private static IngestContext Context() => new("queue", "m-" + Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow);
}
