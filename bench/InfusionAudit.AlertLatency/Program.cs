using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using InfusionAudit.AlertLatency;

// Alert latency under load: a paced background of normal sessions on the event queue and, at intervals, a probe
// session whose next event is a blood pressure of 205/125 mmHg (VITALS-BP-CRITICAL). Latency = from just before that
// event is enqueued to when its alert is read from the alert queue (polled every 20 ms when empty).
LatencyOptions options;
try
{
    options = LatencyOptions.Parse(args);
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync($"error: {ex.Message}");
    return 2;
}

var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
var events = new QueueClient(options.Storage, options.EventsQueue, queueOptions);
var alerts = new QueueClient(options.Storage, options.AlertsQueue, queueOptions);
await events.CreateIfNotExistsAsync();
await alerts.CreateIfNotExistsAsync();
await alerts.ClearMessagesAsync();

var run = "al" + DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
var clinic = "bench-" + run;
var probesSent = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
var latencies = new ConcurrentBag<(double Ms, bool Warm)>();
var clock = Stopwatch.StartNew();
var end = options.Warmup + options.Duration;
using var stop = new CancellationTokenSource();
long backgroundEvents = 0;
long backgroundMessages = 0;

var background = Task.Run(async () =>
{
    // Sessions rotate: each lives for 60 events, so the background keeps starting and running sessions.
    var sessions = new List<DeviceSession>();
    var sessionNumber = 0;
    var interval = TimeSpan.FromSeconds(options.EventsPerMessage / options.EventsPerSecond);
    var next = clock.Elapsed;
    var inFlight = new List<Task>();
    while (clock.Elapsed < end)
    {
        var batch = new JsonArray();
        while (batch.Count < options.EventsPerMessage)
        {
            if (sessions.Count < Math.Max(1, options.EventsPerMessage / options.EventsPerSessionPerMessage))
            {
                sessions.Add(new DeviceSession($"{run}-bg{sessionNumber++:D5}", clinic, $"pump-{sessionNumber % 97:D2}"));
            }

            var session = sessions[0];
            sessions.RemoveAt(0);
            for (var i = 0; i < options.EventsPerSessionPerMessage && batch.Count < options.EventsPerMessage; i++)
            {
                batch.Add(session.Next());
            }

            if (session.Sent < 60)
            {
                sessions.Add(session);
            }
        }

        inFlight.Add(events.SendMessageAsync(batch.ToJsonString()));
        Interlocked.Add(ref backgroundEvents, batch.Count);
        Interlocked.Increment(ref backgroundMessages);
        inFlight.RemoveAll(t => t.IsCompleted);
        next += interval;
        var wait = next - clock.Elapsed;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }

    await Task.WhenAll(inFlight);
});

var probes = Task.Run(async () =>
{
    var n = 0;
    while (clock.Elapsed < end)
    {
        var probe = new DeviceSession($"{run}-probe{n++:D4}", clinic, "pump-probe");
        await events.SendMessageAsync(new JsonArray(probe.Next(), probe.Next()).ToJsonString());
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        var critical = new JsonArray(probe.Vitals(205, 125)).ToJsonString();
        probesSent[probe.SessionId] = clock.ElapsedTicks;
        await events.SendMessageAsync(critical);
        await Task.Delay(options.ProbeInterval);
    }
});

var receiver = Task.Run(async () =>
{
    while (!stop.IsCancellationRequested)
    {
        var received = (await alerts.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30))).Value;
        var at = clock.ElapsedTicks;
        foreach (var message in received)
        {
            var body = JsonNode.Parse(message.Body.ToString())!;
            var sessionId = body["sessionId"]!.GetValue<string>();
            if (body["kind"]!.GetValue<string>() == "trigger" && probesSent.TryRemove(sessionId, out var sent))
            {
                var ms = (at - sent) * 1000.0 / Stopwatch.Frequency;
                latencies.Add((ms, TimeSpan.FromTicks(sent * TimeSpan.TicksPerSecond / Stopwatch.Frequency) >= options.Warmup));
            }

            _ = alerts.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }

        if (received.Length == 0)
        {
            await Task.Delay(20);
        }
    }
});

await Task.WhenAll(background, probes);
var drainUntil = clock.Elapsed + TimeSpan.FromSeconds(30);
while (!probesSent.IsEmpty && clock.Elapsed < drainUntil)
{
    await Task.Delay(100);
}

await stop.CancelAsync();
await receiver;
var backlog = (await events.GetPropertiesAsync()).Value.ApproximateMessagesCount;

var measured = latencies.Where(l => l.Warm).Select(l => l.Ms).Order().ToList();
double Percentile(double p) => measured.Count == 0 ? double.NaN : measured[Math.Clamp((int)Math.Ceiling(p * measured.Count) - 1, 0, measured.Count - 1)];
var seconds = clock.Elapsed.TotalSeconds;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"background: {backgroundEvents} events in {backgroundMessages} messages over {end.TotalSeconds:0} s = {backgroundEvents / end.TotalSeconds:0} events/s ({options.EventsPerMessage} per message, {options.EventsPerSessionPerMessage} per session per message)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"probes: {measured.Count} measured after {options.Warmup.TotalSeconds:0} s warm-up, {probesSent.Count} without an alert after 30 s; event queue backlog at the end: {backlog}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"alert latency ms: p50 {Percentile(0.50):0} | p90 {Percentile(0.90):0} | p99 {Percentile(0.99):0} | max {(measured.Count == 0 ? double.NaN : measured[^1]):0}"));
return probesSent.IsEmpty && measured.Count > 0 ? 0 : 3;
