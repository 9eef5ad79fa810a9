using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using InfusionAudit.Simulator.Batching;
using InfusionAudit.Simulator.Contract;
using InfusionAudit.Simulator.Generation;
using InfusionAudit.Simulator.Hl7;
using InfusionAudit.Simulator.Transport;
using InfusionAudit.Testing;

namespace InfusionAudit.Simulator.Tests.Hl7;

/// <summary>
/// Issue 16 item 4: the same generated clinic day (every scenario, faults included) sent three times to the real local
/// host on Azurite, each time as its own clinic and run: all JSON over HTTP; the pumps' and monitors' events as HL7 to
/// <c>POST /api/hl7v2</c>; and as HL7 over a real MLLP socket. Every session ends with the same findings on the three
/// routes: rule, severity, episode, evidence sentence and values, the trigger event (by its sequence and device time)
/// and, for findings the clock raises, the instant.
/// </summary>
public sealed class Hl7RouteEquivalenceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task JsonHl7OverHttpAndHl7OverMllpGiveEverySessionTheSameFindings()
    {
        var (host, mllpPort) = await TestHost.StartWithMllpAsync();
        await using var _ = host;
        var tag = Guid.NewGuid().ToString("N")[..6];
        // Yesterday, so that no event is in the future and every clock rule's instant has passed on all three routes alike.
        var start = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(-1).AddHours(7), TimeSpan.Zero);

        var json = await SendAsync(host, $"eqj{tag}", start, DeviceFormat.Json, TransportKind.Http, mllpPort);
        var http = await SendAsync(host, $"eqh{tag}", start, DeviceFormat.Hl7, TransportKind.Http, mllpPort);
        var mllp = await SendAsync(host, $"eqm{tag}", start, DeviceFormat.Hl7, TransportKind.Mllp, mllpPort);

        json.Hl7Messages.ShouldBe(0);
        http.Hl7Messages.ShouldBeGreaterThan(json.Sessions.Count * 3);
        mllp.Hl7Messages.ShouldBe(http.Hl7Messages);
        foreach (var route in new[] { http, mllp })
        {
            route.Sessions.Count.ShouldBe(json.Sessions.Count);
            // The broken events of BadFields are JSON on every route and rejected alike; every HL7 message is acknowledged CA.
            route.Result.Rejected.ShouldBe(json.Result.Rejected);
            route.Result.FailedMessages.ShouldBe(0);
        }

        var findings = 0;
        var rules = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < json.Sessions.Count; i++)
        {
            var expected = await FindingsAsync(host, json.Clinic, json.Sessions[i]);
            var overHttp = await FindingsAsync(host, http.Clinic, http.Sessions[i]);
            var overMllp = await FindingsAsync(host, mllp.Clinic, mllp.Sessions[i]);
            overHttp.ShouldBe(expected, $"session {json.Sessions[i]} (JSON) against {http.Sessions[i]} (HL7 over HTTP)");
            overMllp.ShouldBe(expected, $"session {json.Sessions[i]} (JSON) against {mllp.Sessions[i]} (HL7 over MLLP)");
            findings += expected.Count;
            rules.UnionWith(expected.Select(f => f.Split(' ')[0]));
        }

        // The day holds the findings worth comparing: over-rate, vital signs out of range, a long pause, a mismatch...
        rules.ShouldContain("RATE-DEVIATION");
        rules.ShouldContain("PAUSE-LONG");
        rules.ShouldContain("VITALS-SPO2-CRITICAL");
        rules.ShouldContain("DOSE-PUMP-MISMATCH");
        findings.ShouldBeGreaterThan(20);
    }

    private sealed record Route(string Clinic, List<string> Sessions, DispatchResult Result, int Hl7Messages);

    private static async Task<Route> SendAsync(TestHost host, string clinic, DateTimeOffset start, DeviceFormat format, TransportKind transport, int mllpPort)
    {
        var options = new ClinicDayOptions
        {
            ClinicId = clinic,
            Start = start,
            Seed = 16,
            Sessions = Enum.GetValues<Scenario>().Length,
            Mix = Hl7DeviceWriterTests.EveryScenario,
            IdPrefix = clinic,
        };
        var generated = new ClinicDayGenerator(options).Generate().ToList();
        var forwarding = Batcher.ForwardingOrder(generated).ToList();
        var messages = DeviceMessages.Pack(new Batcher(new BatcherOptions { MaxEvents = 25 }), forwarding, format);
        await using IMessageSender sender = transport == TransportKind.Mllp
            ? new MllpSender("127.0.0.1", mllpPort, new HttpSender(host.BaseAddress, TestKeys.Producer))
            : new HttpSender(host.BaseAddress, TestKeys.Producer);
        await sender.PrepareAsync(Ct);
        // One message at a time: the routes differ in format only, not in how concurrent writes interleave.
        var result = await new MessageDispatcher(sender, 1, TimeProvider.System).SendAllAsync(messages, null, Ct);
        result.Succeeded.ShouldBeTrue(result.FirstError);
        var sessions = forwarding.Select(e => e.SessionId).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new Route(clinic, sessions, result, messages.Where(m => m.IsHl7).Sum(m => m.EventCount));
    }

    // Each standing finding as one line, with what names an event (its id differs per route: JSON ids, hl7-… ids) replaced
    // by that event's sequence and device time. A finding later withdrawn depends on what had arrived when, not on the
    // format, and is left out.
    private static async Task<List<string>> FindingsAsync(TestHost host, string clinic, string session)
    {
        var answer = await host.Client(TestKeys.Auditor).GetFromJsonAsync<JsonNode>($"/api/sessions/{Uri.EscapeDataString(session)}?clinicId={clinic}", Ct);
        var events = answer!["events"]!.AsArray().ToDictionary(
            e => e!["eventId"]!.GetValue<string>(),
            e => $"#{e!["sequence"]!.GetValue<long>()}@{e["occurredAt"]!.GetValue<DateTimeOffset>().ToUniversalTime():O}",
            StringComparer.Ordinal);
        // An episode key is an event id, or names one after a part ("heartRate:<event id>").
        string Name(string? id) => id is null ? "-"
            : events.TryGetValue(id, out var named) ? named
            : id.LastIndexOf(':') is var colon and > 0 && events.TryGetValue(id[(colon + 1)..], out var inPart) ? id[..(colon + 1)] + inPart
            : id;
        return
        [
            .. answer["findings"]!.AsArray()
                .Where(f => f!["retractedAt"] is null)
                .Select(f =>
                {
                    var trigger = f!["triggerEventId"]?.GetValue<string>();
                    // How long after the device time an event arrived depends on when this route ran, not on its format.
                    var values = string.Join(",", f["evidenceValues"]!.AsObject().OrderBy(v => v.Key, StringComparer.Ordinal)
                        .Select(v => v.Key.StartsWith("received", StringComparison.Ordinal) ? $"{v.Key}=on arrival" : $"{v.Key}={v.Value!.ToJsonString()}"));
                    // A trigger's detection time is its arrival on that route; a clock finding's is the instant it became true.
                    var detected = trigger is null ? f["detectedAt"]!.GetValue<DateTimeOffset>().ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) : "on arrival";
                    return $"{f["ruleId"]!.GetValue<string>()} {f["severity"]!.GetValue<string>()} key={Name(f["episodeKey"]!.GetValue<string>())} "
                        + $"trigger={Name(trigger)} detected={detected} v{f["protocolVersion"]?.ToJsonString()} [{values}] {f["evidence"]!.GetValue<string>()}";
                })
                // Each route is its own clinic, whose id is in every device and session id.
                .Select(line => line.Replace(clinic, "{clinic}", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal),
        ];
    }
}
