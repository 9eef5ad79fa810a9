using System.Text.Json.Nodes;
using InfusionAudit.Simulator.Load;
using InfusionAudit.Simulator.Transport;
using InfusionAudit.Testing;

namespace InfusionAudit.Simulator.Tests.Load;

/// <summary>
/// The live soak (issue 11): clinics whose events are dated as they are sent, so that no message is judged hours after
/// its events (the replayed day made every message raise a vitals gap that the next one withdrew).
/// </summary>
public sealed class LiveSoakTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 23, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static SoakOptions Options(TimeSpan duration) => new()
    {
        Live = true,
        EventsPerSecond = 40,
        Chairs = 4,
        MonitorEvery = TimeSpan.FromSeconds(1),
        BatchSize = 100,
        Duration = duration,
        Start = Start,
        RunId = "lv" + Guid.NewGuid().ToString("N")[..8],
    };

    [Fact]
    public void EachEventLeavesAtTheFirstFlushAfterItsTimeInOrderOncePerClinicMessage()
    {
        var options = Options(TimeSpan.FromMinutes(2));
        LiveFeed.LiveClinics(options).ShouldBe(10, "40 events/s from chairs streaming at 1 Hz, 4 chairs a clinic");
        var feed = new LiveFeed(options, Start, Start + options.Duration);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var lastSequence = new Dictionary<string, long>(StringComparer.Ordinal);
        var perFlush = new List<int>();
        var previous = Start - TimeSpan.FromSeconds(1);
        for (var now = Start + TimeSpan.FromSeconds(5); now <= Start + options.Duration; now += TimeSpan.FromSeconds(5))
        {
            var events = 0;
            foreach (var message in feed.Due(now))
            {
                var batch = JsonNode.Parse(message.Text)!.AsArray();
                batch.Count.ShouldBeInRange(1, options.BatchSize);
                batch.Select(e => e!["clinicId"]!.GetValue<string>()).Distinct().Count().ShouldBe(1, "a gateway sends its own clinic's events");
                foreach (var e in batch)
                {
                    var occurredAt = DateTimeOffset.Parse(e!["occurredAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
                    occurredAt.ShouldBeLessThanOrEqualTo(now, "never sent before it happened");
                    occurredAt.ShouldBeGreaterThan(previous, "sent at the first flush after it happened");
                    seen.Add(e["eventId"]!.GetValue<string>()).ShouldBeTrue("each event once");
                    var session = e["sessionId"]!.GetValue<string>();
                    var sequence = e["sequence"]!.GetValue<long>();
                    sequence.ShouldBe(lastSequence.GetValueOrDefault(session, -1) + 1, $"session {session} sent in order without a hole");
                    lastSequence[session] = sequence;
                    events++;
                }
            }

            perFlush.Add(events);
            previous = now;
        }

        lastSequence.Count.ShouldBe(40, "every chair of every clinic has a patient from the first 30 s");
        // After the ramp (the first patients start within 30 s), each 5 s flush carries the clinics' 1 Hz readings.
        var steady = perFlush.Skip(7).ToList();
        steady.Average().ShouldBeInRange(40 * 5 * 0.9, 40 * 5 * 1.2);
        feed.Pending.ShouldBe(0, "nothing dated before the end is left behind");
    }

    [Fact]
    public async Task AShortLiveSoakThroughARealHostIsReceivedWholeAndRejectsNothing()
    {
        await using var host = await TestHost.StartAsync();
        await using var sender = new QueueSender(Azurite.ConnectionString, host.EventsQueue);
        using var counters = new CountersClient(host.BaseAddress, TestKeys.Auditor);
        var options = Options(TimeSpan.FromSeconds(12)) with
        {
            FlushEvery = TimeSpan.FromSeconds(2),
            SampleEvery = TimeSpan.FromSeconds(2),
            WarmUp = TimeSpan.Zero,
            LiveRampSeconds = 2,
        };

        var report = await new SoakRunner(sender, counters, new QueueBacklogProbe(Azurite.ConnectionString, host.EventsQueue), _ => { }, TimeProvider.System)
            .RunAsync(options, Ct);

        report.Drain.ShouldNotBeNull("every sent event reached the host within the drain timeout");
        report.EventsSent.ShouldBeGreaterThan(300, "10 clinics of 4 chairs at 1 Hz for about 10 s");
        report.Counters.EventsReceived.ShouldBe(report.EventsSent);
        report.Counters.EventsRejected.ShouldBe(0, "events dated now pass the contract's clock checks");
        report.MessagesSent.ShouldBeGreaterThanOrEqualTo(10 * 5, "each of the 10 clinics sends at each of the 6 flushes once its chairs run");
    }
}
