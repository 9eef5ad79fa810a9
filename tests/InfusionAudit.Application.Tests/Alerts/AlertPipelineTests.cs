using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using InfusionAudit.Simulator.Generation;
using InfusionAudit.Testing;
using static InfusionAudit.Testing.AlertTestHost;

namespace InfusionAudit.Application.Tests.Alerts;

/// <summary>Alerts end to end through the real local host on Azurite: queue trigger → session write → outbox → alerts-outbound.</summary>
public sealed class AlertPipelineTests
{
    [Fact]
    public async Task ACriticalEventSendsExactlyOneMessageAndRedeliverySendsNone()
    {
        var alerts = NewName("alerts");
        var clock = NewClock();
        await using var host = await StartOnClockAsync(clock, alerts, NewName("scope"));
        var script = new SessionScript();
        var events = new[] { script.Started(), script.Rate(TimeSpan.FromSeconds(30), 52.5), CriticalBloodPressure(script, TimeSpan.FromMinutes(5)) };

        await SendAsync(host, events);
        var first = await WaitForAsync(alerts, 1, TimeSpan.FromSeconds(20));
        await SendAsync(host, events);
        await EventsHandledAsync(host);
        var later = await TakeNowAsync(alerts);
        // Nor does the timer send it again, after the group window and right before the escalation deadline.
        clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        await TickAsync(host);
        later.AddRange(await TakeNowAsync(alerts));

        var message = first.ShouldHaveSingleItem();
        later.ShouldBeEmpty();
        message["kind"]!.GetValue<string>().ShouldBe("trigger");
        message["target"]!.GetValue<string>().ShouldBe("onCall");
        message["severity"]!.GetValue<string>().ShouldBe("critical");
        message["subject"]!.GetValue<string>().ShouldBe("VITALS-BP-CRITICAL");
        message["clinicId"]!.GetValue<string>().ShouldBe(script.ClinicId);
        message["sessionId"]!.GetValue<string>().ShouldBe(script.SessionId);
        message["deviceIds"]!.AsArray().Select(d => d!.GetValue<string>()).ShouldBe(["pump-17"]);
        var alert = message["alerts"]!.AsArray().ShouldHaveSingleItem()!;
        alert["evidence"]!.GetValue<string>().ShouldContain("mmHg");
        alert["protocolId"]!.GetValue<string>().ShouldBe("ketamine-iv-depression");
        alert["protocolVersion"]!.GetValue<int>().ShouldBe(1);
        alert["links"]!["acknowledge"]!.GetValue<string>().ShouldBe($"/api/alerts/{alert["alertId"]}/acknowledge");
        message["links"]!["session"]!.GetValue<string>().ShouldBe($"/api/sessions/{script.SessionId}?clinicId={script.ClinicId}");
        message.ToJsonString().ShouldNotContain(script.PatientRef);
        message.ToJsonString().ShouldNotContain("patientRef", Case.Insensitive);
    }

    [Fact]
    public async Task TwoNewProblemsWithinTheWindowGoOutAsOneFollowUp()
    {
        var alerts = NewName("alerts");
        var window = TimeSpan.FromMinutes(2);
        var clock = NewClock();
        await using var host = await StartOnClockAsync(clock, alerts, NewName("scope"), new Dictionary<string, string?> { ["InfusionAudit:Alerts:GroupWindow"] = "00:02:00" });
        var script = new SessionScript();
        await SendAsync(host, [script.Started(), script.Rate(TimeSpan.FromSeconds(30), 52.5), CriticalBloodPressure(script, TimeSpan.FromMinutes(5))]);
        (await WaitForAsync(alerts, 1, TimeSpan.FromSeconds(20))).ShouldHaveSingleItem();
        var notifiedAt = clock.GetUtcNow();

        clock.Advance(TimeSpan.FromSeconds(20));
        await SendAsync(host, [SevereAdverseEffect(script, TimeSpan.FromMinutes(6))]);
        clock.Advance(TimeSpan.FromSeconds(20));
        await SendAsync(host, [CriticalSpo2(script, TimeSpan.FromMinutes(7))]);
        await EventsHandledAsync(host);
        var held = await TakeNowAsync(alerts);
        clock.SetUtcNow(notifiedAt + window - TimeSpan.FromSeconds(1));
        var dueBeforeTheWindowCloses = await TickAsync(host);
        var beforeTheWindowCloses = await TakeNowAsync(alerts);
        clock.SetUtcNow(notifiedAt + window);
        var dueAtTheWindowsEnd = await TickAsync(host);
        var followUps = await TakeNowAsync(alerts);

        held.ShouldBeEmpty();
        dueBeforeTheWindowCloses.ShouldBe(0);
        beforeTheWindowCloses.ShouldBeEmpty();
        dueAtTheWindowsEnd.ShouldBe(1);
        var followUp = followUps.ShouldHaveSingleItem();
        followUp["kind"]!.GetValue<string>().ShouldBe("followUp");
        followUp["subject"]!.GetValue<string>().ShouldBe("grouped");
        followUp["ruleIds"]!.AsArray().Select(r => r!.GetValue<string>()).Order().ShouldBe(["AE-SEVERE", "VITALS-SPO2-CRITICAL"]);
    }

    [Fact]
    public async Task OnCallAcknowledgesOverHttpAndOtherRolesAreRefused()
    {
        var alerts = NewName("alerts");
        await using var host = await StartAsync(alerts, NewName("scope"));
        var script = new SessionScript(clinicId: NewName("clinic"));
        await SendAsync(host, [script.Started(), CriticalBloodPressure(script, TimeSpan.FromMinutes(5))]);
        var alertId = (await WaitForAsync(alerts, 1, TimeSpan.FromSeconds(20))).Single()["alerts"]![0]!["alertId"]!.GetValue<string>();

        using var producer = await host.Client(TestKeys.Producer).PostAsync($"/api/alerts/{alertId}/acknowledge", null, Ct);
        using var auditor = await host.Client(TestKeys.Auditor).PostAsync($"/api/alerts/{alertId}/acknowledge", null, Ct);
        using var anonymous = await host.Client(null).PostAsync($"/api/alerts/{alertId}/acknowledge", null, Ct);
        var body = new StringContent("""{"by":"Dr. Ortiz","note":"on my way"}""", Encoding.UTF8, "application/json");
        using var ack = await host.Client(TestKeys.OnCall).PostAsync($"/api/alerts/{alertId}/acknowledge", body, Ct);

        producer.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        producer.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        auditor.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        ack.StatusCode.ShouldBe(HttpStatusCode.OK);
        var view = JsonNode.Parse(await ack.Content.ReadAsStringAsync(Ct))!;
        view["alert"]!["state"]!.GetValue<string>().ShouldBe("acknowledged");
        view["alert"]!["acknowledgedBy"]!["name"]!.GetValue<string>().ShouldBe("Dr. Ortiz");
        view["alert"]!["acknowledgedBy"]!["via"]!.GetValue<string>().ShouldStartWith("oncall:");
        DateTimeOffset.Parse(view["alert"]!["acknowledgedAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(DateTimeOffset.UtcNow, TimeSpan.FromSeconds(30));
        view["alert"]!["history"]!.AsArray().Select(h => h!["state"]!.GetValue<string>()).ShouldBe(["open", "acknowledged"]);

        var statusMessage = (await WaitForAsync(alerts, 1, TimeSpan.FromSeconds(10))).ShouldHaveSingleItem();
        statusMessage["kind"]!.GetValue<string>().ShouldBe("acknowledge");
        statusMessage["state"]!.GetValue<string>().ShouldBe("acknowledged");

        var list = await host.Client(TestKeys.Auditor).GetFromJsonAsync<JsonNode>($"/api/alerts?clinicId={script.ClinicId}&state=acknowledged", Ct);
        list!["items"]!.AsArray().ShouldHaveSingleItem()!["alert"]!["alertId"]!.GetValue<string>().ShouldBe(alertId);
        var open = await host.Client(TestKeys.OnCall).GetFromJsonAsync<JsonNode>($"/api/alerts?clinicId={script.ClinicId}&state=open", Ct);
        open!["items"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task ListingPagesWithAContinuationTokenAndRefusesBadParameters()
    {
        var alerts = NewName("alerts");
        await using var host = await StartAsync(alerts, NewName("scope"));
        var clinic = NewName("clinic");
        foreach (var _ in Enumerable.Range(0, 3))
        {
            var script = new SessionScript(clinicId: clinic);
            await SendAsync(host, [script.Started(), CriticalBloodPressure(script, TimeSpan.FromMinutes(5))]);
        }

        (await WaitForAsync(alerts, 3, TimeSpan.FromSeconds(30))).Count.ShouldBe(3);
        var client = host.Client(TestKeys.OnCall);
        var first = await client.GetFromJsonAsync<JsonNode>($"/api/alerts?clinicId={clinic}&pageSize=2", Ct);
        var token = first!["continuationToken"]!.GetValue<string>();
        var second = await client.GetFromJsonAsync<JsonNode>($"/api/alerts?clinicId={clinic}&pageSize=2&continuationToken={token}", Ct);

        first["items"]!.AsArray().Count.ShouldBe(2);
        second!["items"]!.AsArray().Count.ShouldBe(1);
        (await client.GetAsync($"/api/alerts?clinicId={clinic}&state=closed", Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.GetAsync("/api/alerts", Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.GetAsync($"/api/alerts?clinicId={clinic}&continuationToken=%25%25", Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ACrashBetweenTheAlertRowAndDispatchIsDeliveredOnceByTheTimerAfterRecovery()
    {
        var alerts = NewName("alerts");
        var scope = NewName("scope");
        var events = NewName("events");
        var script = new SessionScript();
        var clock = NewClock();
        var lease = TimeSpan.FromSeconds(15);
        var onLease = new Dictionary<string, string?> { ["InfusionAudit:Alerts:DispatchLease"] = "00:00:15" };

        // The first host stores the alert but never sends it: as if it died right after the session commit.
        await using (var crashing = await StartOnClockAsync(clock, alerts, scope, new Dictionary<string, string?>(onLease) { ["InfusionAudit:Alerts:InlineDispatch"] = "false" }, events))
        {
            await SendAsync(crashing, [script.Started(), CriticalBloodPressure(script, TimeSpan.FromMinutes(5))]);
            var stored = await Eventually.Until(() => crashing.Client(TestKeys.OnCall).GetFromJsonAsync<JsonNode>($"/api/alerts?clinicId={script.ClinicId}&state=open", Ct), n => Mine(n, script) is not null);
            var notification = Mine(stored, script)!["notifications"]!.AsArray().ShouldHaveSingleItem()!;
            notification["status"]!.GetValue<string>().ShouldBe("pending");
            await EventsHandledAsync(crashing);
            (await TakeNowAsync(alerts)).ShouldBeEmpty();
        }

        // The notification is left to its creator for one lease, then the recovered host's timer takes it, once.
        await using var recovered = await StartOnClockAsync(clock, alerts, scope, onLease, events);
        clock.Advance(lease - TimeSpan.FromSeconds(1));
        var dueWithinTheLease = await TickAsync(recovered);
        var withinTheLease = await TakeNowAsync(alerts);
        clock.Advance(TimeSpan.FromSeconds(1));
        var dueAfterTheLease = await TickAsync(recovered);
        var delivered = await TakeNowAsync(alerts);
        var sent = await Eventually.Until(
            () => recovered.Client(TestKeys.OnCall).GetFromJsonAsync<JsonNode>($"/api/alerts?clinicId={script.ClinicId}&state=open", Ct),
            n => Mine(n, script)!["notifications"]![0]!["status"]!.GetValue<string>() == "delivered");
        clock.Advance(lease);
        await TickAsync(recovered);
        var more = await TakeNowAsync(alerts);

        dueWithinTheLease.ShouldBe(0);
        withinTheLease.ShouldBeEmpty();
        dueAfterTheLease.ShouldBe(1);
        delivered.ShouldHaveSingleItem()["sessionId"]!.GetValue<string>().ShouldBe(script.SessionId);
        Mine(sent, script)!["notifications"]![0]!["attempts"]!.GetValue<int>().ShouldBe(1);
        more.ShouldBeEmpty();
    }

    [Fact]
    public async Task AFailingTransportIsVisibleOnTheAlertAndRetriedUntilDelivered()
    {
        var port = LoopbackPorts.Free();
        var alerts = NewName("alerts");
        var clock = NewClock();
        var retryDelay = TimeSpan.FromSeconds(30);
        // One request per dispatch (no in-request retries), so every attempt is the alert dispatcher's and is counted.
        await using var host = await StartOnClockAsync(clock, alerts, NewName("scope"), new Dictionary<string, string?>
        {
            ["InfusionAudit:Alerts:Transports"] = "queue,webhook",
            ["InfusionAudit:Alerts:Webhook:Url"] = $"http://127.0.0.1:{port}/v2/enqueue",
            ["InfusionAudit:Alerts:Webhook:RoutingKey"] = "rk-test",
            ["InfusionAudit:Alerts:Webhook:MaxRetries"] = "0",
            ["InfusionAudit:Alerts:RetryDelay"] = "00:00:30",
            ["InfusionAudit:Alerts:EscalationDeadline"] = "01:00:00",
        });
        var script = new SessionScript();
        await SendAsync(host, [script.Started(), CriticalBloodPressure(script, TimeSpan.FromMinutes(5))]);

        // Nothing listens on the webhook port: the queue takes it, the webhook fails and the failure shows on the alert.
        (await WaitForAsync(alerts, 1, TimeSpan.FromSeconds(20))).ShouldHaveSingleItem();
        await EventsHandledAsync(host);
        var failing = Notification(await OpenAlertsAsync(host, script), script);
        failing["status"]!.GetValue<string>().ShouldBe("retrying");
        failing["attempts"]!.GetValue<int>().ShouldBe(1);
        failing["lastError"]!.GetValue<string>().ShouldStartWith("webhook:");
        failing["transports"]!["queue"]!["deliveredAt"].ShouldNotBeNull();
        failing["transports"]!["webhook"]!["attempts"]!.GetValue<int>().ShouldBe(1);

        await using var receiver = new WebhookReceiver(port);
        clock.Advance(retryDelay - TimeSpan.FromSeconds(1));
        var dueBeforeTheRetry = await TickAsync(host);
        var receivedBeforeTheRetry = receiver.Bodies.Count;
        clock.Advance(TimeSpan.FromSeconds(1));
        var dueAtTheRetry = await TickAsync(host);
        var delivered = Notification(await OpenAlertsAsync(host, script), script);
        clock.Advance(TimeSpan.FromMinutes(10));
        await TickAsync(host);

        dueBeforeTheRetry.ShouldBe(0);
        receivedBeforeTheRetry.ShouldBe(0);
        dueAtTheRetry.ShouldBe(1);
        receiver.Bodies.ShouldHaveSingleItem()["dedup_key"]!.GetValue<string>().ShouldBe(Mine(await OpenAlertsAsync(host, script), script)!["alert"]!["alertId"]!.GetValue<string>());
        delivered["status"]!.GetValue<string>().ShouldBe("delivered");
        delivered["attempts"]!.GetValue<int>().ShouldBe(2);
        delivered["transports"]!["webhook"]!["attempts"]!.GetValue<int>().ShouldBe(2);
        delivered["transports"]!["queue"]!["attempts"]!.GetValue<int>().ShouldBe(1, "a retry resends only on the transport that failed");
        (await TakeNowAsync(alerts)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ASilencedClinicStillSendsACriticalAlertAndRecordsTheWarningAsSuppressed()
    {
        // Catalogue v2: a silence never suppresses a critical alert; a warning the clinic opted into is still silenced.
        var alerts = NewName("alerts");
        var clinic = NewName("clinic");
        var clock = NewClock();
        await using var host = await StartOnClockAsync(clock, alerts, NewName("scope"), new Dictionary<string, string?> { [$"InfusionAudit:Alerts:Clinics:{clinic}:WarningRules:0"] = "VITALS-BP-HIGH" });
        var script = new SessionScript(clinicId: clinic);
        var silence = new StringContent(
            $$"""{"clinicId":"{{script.ClinicId}}","endsAt":"{{DateTimeOffset.UtcNow.AddHours(1):O}}","reason":"pump firmware update","createdBy":"Ops Lee"}""",
            Encoding.UTF8,
            "application/json");

        using var refused = await host.Client(TestKeys.OnCall).PostAsync("/api/silences", silence, Ct);
        using var created = await host.Client(TestKeys.Admin).PostAsync("/api/silences", silence, Ct);
        await SendAsync(host, [script.Started(), script.Vitals(TimeSpan.FromMinutes(3), systolic: 165, diastolic: 95), CriticalBloodPressure(script, TimeSpan.FromMinutes(5))]);
        var sent = await WaitForAsync(alerts, 1, TimeSpan.FromSeconds(20));
        var listed = await Eventually.Until(
            () => host.Client(TestKeys.Auditor).GetFromJsonAsync<JsonNode>($"/api/alerts?clinicId={script.ClinicId}", Ct),
            n => n!["items"]!.AsArray().Count == 2);

        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var silenceId = JsonNode.Parse(await created.Content.ReadAsStringAsync(Ct))!["silenceId"]!.GetValue<string>();
        var message = sent.ShouldHaveSingleItem();
        message["ruleIds"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldBe(["VITALS-BP-CRITICAL"]);
        var items = listed!["items"]!.AsArray().Select(i => i!["alert"]!).ToList();
        items.Single(a => a["ruleId"]!.GetValue<string>() == "VITALS-BP-CRITICAL")["suppressedBy"].ShouldBeNull();
        items.Single(a => a["ruleId"]!.GetValue<string>() == "VITALS-BP-HIGH")["suppressedBy"]!.GetValue<string>().ShouldBe(silenceId);
        // Nor does the timer send the silenced warning later: not at the end of the group window, nor before escalation.
        await EventsHandledAsync(host);
        clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        await TickAsync(host);
        (await TakeNowAsync(alerts)).ShouldBeEmpty();

        var silences = await host.Client(TestKeys.Auditor).GetFromJsonAsync<JsonNode>($"/api/silences?clinicId={script.ClinicId}", Ct);
        var seen = silences!["items"]!.AsArray().ShouldHaveSingleItem()!;
        seen["reason"]!.GetValue<string>().ShouldBe("pump firmware update");
        seen["createdBy"]!["name"]!.GetValue<string>().ShouldBe("Ops Lee");
        using var expired = await host.Client(TestKeys.Admin).DeleteAsync($"/api/silences/{silenceId}", Ct);
        expired.StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonNode.Parse(await expired.Content.ReadAsStringAsync(Ct))!["expiredAt"].ShouldNotBeNull();
    }

    [Fact]
    public async Task ASessionThatCompletesNormallyResolvesAnAcknowledgedAlertWithTheReason()
    {
        var alerts = NewName("alerts");
        await using var host = await StartAsync(alerts, NewName("scope"));
        var script = new SessionScript();
        await SendAsync(host, [script.Started(), script.Rate(TimeSpan.FromSeconds(30), 52.5), CriticalBloodPressure(script, TimeSpan.FromMinutes(5))]);
        var alertId = (await WaitForAsync(alerts, 1, TimeSpan.FromSeconds(20))).Single()["alerts"]![0]!["alertId"]!.GetValue<string>();
        using var ack = await host.Client(TestKeys.OnCall).PostAsync($"/api/alerts/{alertId}/acknowledge", null, Ct);
        ack.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await WaitForAsync(alerts, 1, TimeSpan.FromSeconds(10))).ShouldHaveSingleItem()["kind"]!.GetValue<string>().ShouldBe("acknowledge");

        await SendAsync(host, [script.Vitals(TimeSpan.FromMinutes(20)), script.Rate(TimeSpan.FromMinutes(40.5), 0), script.Ended(TimeSpan.FromMinutes(45))]);
        var resolve = (await WaitForAsync(alerts, 1, TimeSpan.FromSeconds(20))).ShouldHaveSingleItem();

        resolve["kind"]!.GetValue<string>().ShouldBe("resolve");
        var view = await host.Client(TestKeys.OnCall).GetFromJsonAsync<JsonNode>($"/api/alerts/{alertId}", Ct);
        view!["alert"]!["state"]!.GetValue<string>().ShouldBe("resolved");
        view["alert"]!["resolvedBy"]!["name"]!.GetValue<string>().ShouldBe("system");
        view["alert"]!["resolveReason"]!.GetValue<string>().ShouldBe("session completed normally");
    }

    [Fact]
    public async Task ACompletedSessionLeavesAnUnacknowledgedCriticalOpenAndTheTimerEscalatesIt()
    {
        // Catalogue v2: completion (delivered twice, as a redelivered message would be) never resolves an unacknowledged
        // critical alert; the alert timer escalates it after the session ended.
        var alerts = NewName("alerts");
        var clock = NewClock();
        await using var host = await StartOnClockAsync(clock, alerts, NewName("scope"), new Dictionary<string, string?> { ["InfusionAudit:Alerts:EscalationDeadline"] = "00:05:00" });
        var script = new SessionScript();
        await SendAsync(host, [script.Started(), script.Rate(TimeSpan.FromSeconds(30), 52.5), CriticalBloodPressure(script, TimeSpan.FromMinutes(5))]);
        var alertId = (await WaitForAsync(alerts, 1, TimeSpan.FromSeconds(20))).Single()["alerts"]![0]!["alertId"]!.GetValue<string>();
        var raisedAt = clock.GetUtcNow();

        var completion = new[] { script.Vitals(TimeSpan.FromMinutes(20)), script.Rate(TimeSpan.FromMinutes(40.5), 0), script.Ended(TimeSpan.FromMinutes(45)) };
        clock.Advance(TimeSpan.FromMinutes(1));
        await SendAsync(host, completion);
        await SendAsync(host, completion);
        await EventsHandledAsync(host);
        var ended = await host.Client(TestKeys.Auditor).GetFromJsonAsync<JsonNode>($"/api/sessions/{script.SessionId}", Ct);
        var atTheEnd = await TakeNowAsync(alerts);
        clock.SetUtcNow(raisedAt + TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        await TickAsync(host);
        var beforeTheDeadline = await TakeNowAsync(alerts);
        clock.SetUtcNow(raisedAt + TimeSpan.FromMinutes(5));
        await TickAsync(host);
        var after = await TakeNowAsync(alerts);

        atTheEnd.ShouldBeEmpty();
        beforeTheDeadline.ShouldBeEmpty();
        ended!["state"]!["status"]!.GetValue<string>().ShouldBe("ended", StringCompareShould.IgnoreCase);
        after.Select(m => m["kind"]!.GetValue<string>()).ShouldBe(["escalation"]);
        after[0]["alerts"]![0]!["alertId"]!.GetValue<string>().ShouldBe(alertId);
        var view = await host.Client(TestKeys.OnCall).GetFromJsonAsync<JsonNode>($"/api/alerts/{alertId}", Ct);
        view!["alert"]!["state"]!.GetValue<string>().ShouldBe("open");
        view["alert"]!["resolvedBy"].ShouldBeNull();
        DateTimeOffset.Parse(view["alert"]!["escalatedAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(raisedAt + TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task TheSimulatorsCriticalAtCompletionSessionKeepsItsAlertOpenAfterTheNormalEnd()
    {
        // The simulator's scenario through the real pipeline: everything up to the end in one message, the
        // `SessionEnded completed` in the next, as a gateway flushing at the end of a session sends it.
        var alerts = NewName("alerts");
        var clock = NewClock();
        await using var host = await StartOnClockAsync(clock, alerts, NewName("scope"), new Dictionary<string, string?> { ["InfusionAudit:Alerts:EscalationDeadline"] = "00:05:00" });
        var options = new ClinicDayOptions
        {
            ClinicId = "abq-01",
            Start = clock.GetUtcNow().AddHours(-3),
            Sessions = 1,
            Mix = ScenarioMix.From((Scenario.CriticalAtCompletion, 1)),
            IdPrefix = "cac" + Guid.NewGuid().ToString("N")[..8] + ".",
        };
        var session = new ClinicDayGenerator(options).Generate().Single();
        var events = session.RecordedEvents.Select(e => JsonNode.Parse(e.Json)!.AsObject()).OrderBy(e => e["sequence"]!.GetValue<long>()).ToList();
        var end = events.Single(e => e["type"]!.GetValue<string>() == "SessionEnded");
        end["payload"]!["reason"]!.GetValue<string>().ShouldBe("completed");

        await SendAsync(host, events.Where(e => e != end));
        var trigger = (await WaitForAsync(alerts, 1, TimeSpan.FromSeconds(20))).ShouldHaveSingleItem();
        var raisedAt = clock.GetUtcNow();
        clock.Advance(TimeSpan.FromMinutes(1));
        await SendAsync(host, [end]);
        await EventsHandledAsync(host);
        var atTheEnd = await TakeNowAsync(alerts);
        clock.SetUtcNow(raisedAt + TimeSpan.FromMinutes(5));
        await TickAsync(host);
        var after = await TakeNowAsync(alerts);

        atTheEnd.ShouldBeEmpty();
        trigger["ruleIds"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldContain("VITALS-SPO2-CRITICAL");
        after.Select(m => m["kind"]!.GetValue<string>()).ShouldBe(["escalation"]);
        var alertId = trigger["alerts"]!.AsArray().Single(a => a!["ruleId"]!.GetValue<string>() == "VITALS-SPO2-CRITICAL")!["alertId"]!.GetValue<string>();
        var view = await host.Client(TestKeys.OnCall).GetFromJsonAsync<JsonNode>($"/api/alerts/{alertId}", Ct);
        view!["alert"]!["state"]!.GetValue<string>().ShouldBe("open");
    }

    [Fact]
    public async Task AnUnacknowledgedAlertIsResentToTheEscalationTarget()
    {
        var alerts = NewName("alerts");
        var clock = NewClock();
        await using var host = await StartOnClockAsync(clock, alerts, NewName("scope"), new Dictionary<string, string?> { ["InfusionAudit:Alerts:EscalationDeadline"] = "00:02:00" });
        var script = new SessionScript();
        await SendAsync(host, [script.Started(), CriticalBloodPressure(script, TimeSpan.FromMinutes(5))]);
        var messages = await WaitForAsync(alerts, 1, TimeSpan.FromSeconds(20));

        clock.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromSeconds(1));
        await TickAsync(host);
        var beforeTheDeadline = await TakeNowAsync(alerts);
        clock.Advance(TimeSpan.FromSeconds(1));
        await TickAsync(host);
        messages.AddRange(await TakeNowAsync(alerts));
        clock.Advance(TimeSpan.FromMinutes(10));
        await TickAsync(host);
        var later = await TakeNowAsync(alerts);

        beforeTheDeadline.ShouldBeEmpty();
        later.ShouldBeEmpty("an alert is escalated once");
        messages.Select(m => m["kind"]!.GetValue<string>()).ShouldBe(["trigger", "escalation"]);
        messages[1]["target"]!.GetValue<string>().ShouldBe("escalation");
        messages[1]["notificationId"]!.GetValue<string>().ShouldNotBe(messages[0]["notificationId"]!.GetValue<string>());
    }

    private static Task<JsonNode?> OpenAlertsAsync(TestHost host, SessionScript script) =>
        host.Client(TestKeys.OnCall).GetFromJsonAsync<JsonNode>($"/api/alerts?clinicId={script.ClinicId}&state=open", Ct);

    private static JsonNode Notification(JsonNode? list, SessionScript script) => Mine(list, script)!["notifications"]!.AsArray().ShouldHaveSingleItem()!;

    private static JsonNode? Mine(JsonNode? list, SessionScript script) =>
        list?["items"]?.AsArray().FirstOrDefault(i => i!["alert"]!["sessionId"]!.GetValue<string>() == script.SessionId);

}
