using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using InfusionAudit.Application.Alerts;
using InfusionAudit.Infrastructure.Alerts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace InfusionAudit.Testing;

/// <summary>
/// Starts the real local host with alerting pointed at a queue and a timer scope of the test's own, so tests never see
/// (or send) each other's alerts, and reads the alert queue the way a consumer would.
/// </summary>
public static class AlertTestHost
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static string NewName(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>
    /// The same host on <paramref name="clock"/>: every alert time (raise, group window, escalation, dispatch lease and
    /// retry) is read from it. The alert timer does not run by itself (unless <paramref name="extra"/> switches
    /// <c>LocalHost:AlertClock</c> back on): the test ticks it with <see cref="TickAsync"/> at the times it chooses.
    /// </summary>
    public static Task<TestHost> StartOnClockAsync(FakeTimeProvider clock, string alertsQueue, string scope, IDictionary<string, string?>? extra = null, string? eventsQueue = null)
    {
        var settings = new Dictionary<string, string?> { ["LocalHost:AlertClock"] = "off" };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return StartAsync(alertsQueue, scope, settings, eventsQueue, services => services.AddSingleton<TimeProvider>(clock));
    }

    /// <summary>A clock for <see cref="StartOnClockAsync"/>, at the current second, so events written relative to now are in its past.</summary>
    public static FakeTimeProvider NewClock() => new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    /// <summary>One alert timer tick at the host's clock, as the Functions timer or the local host's cron runs it; returns how many sessions had due work.</summary>
    public static Task<int> TickAsync(TestHost host) => host.Get<AlertClockHandler>().RunAsync(Ct);

    /// <summary>
    /// Waits until the host's queue trigger has taken every message off its event queue: each is deleted only after
    /// its handler (session write and inline alert dispatch) returned, so what they send is on the alert queue.
    /// </summary>
    public static Task EventsHandledAsync(TestHost host) =>
        Eventually.Until(async () => (await Queue(host.EventsQueue).GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount, n => n == 0);

    /// <summary>Takes what is on the alert queue now (after <see cref="EventsHandledAsync"/> or a tick, nothing more is on its way).</summary>
    public static async Task<List<JsonNode>> TakeNowAsync(string alertsQueue)
    {
        var queue = Queue(alertsQueue);
        var messages = new List<JsonNode>();
        if (!await queue.ExistsAsync(Ct))
        {
            return messages;
        }

        while ((await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30), Ct)).Value is { Length: > 0 } batch)
        {
            foreach (var m in batch)
            {
                messages.Add(JsonNode.Parse(m.Body.ToString())!);
                await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt, Ct);
            }
        }

        return messages;
    }

    public static Task<TestHost> StartAsync(string alertsQueue, string scope, IDictionary<string, string?>? extra = null, string? eventsQueue = null, Action<IServiceCollection>? services = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["InfusionAudit:Alerts:QueueName"] = alertsQueue,
            ["InfusionAudit:Alerts:Scope"] = scope,
            ["InfusionAudit:Alerts:Schedule"] = "* * * * * *",
            ["InfusionAudit:Alerts:GroupWindow"] = "00:00:03",
            ["InfusionAudit:Alerts:DispatchLease"] = "00:00:02",
            ["InfusionAudit:Alerts:RetryDelay"] = "00:00:01",
            ["LocalHost:Clock"] = "off",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return TestHost.StartAsync(eventsQueue: eventsQueue, settings: settings, services: services);
    }

    public static QueueClient Queue(string name) =>
        new(Azurite.ConnectionString, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    public static async Task SendAsync(TestHost host, IEnumerable<JsonObject> events)
    {
        var queue = Queue(host.EventsQueue);
        await queue.CreateIfNotExistsAsync(cancellationToken: Ct);
        await queue.SendMessageAsync(SessionScript.Batch(events), Ct);
    }

    /// <summary>
    /// Waits until the alert queue has delivered <paramref name="count"/> messages and returns them all; running out
    /// of time fails the test with the messages that did arrive.
    /// </summary>
    public static async Task<List<JsonNode>> WaitForAsync(string alertsQueue, int count, TimeSpan timeout)
    {
        var queue = Queue(alertsQueue);
        var messages = new List<JsonNode>();
        var until = DateTimeOffset.UtcNow + timeout;
        while (messages.Count < count)
        {
            if (DateTimeOffset.UtcNow > until)
            {
                throw new TimeoutException($"{count} alert message(s) on {alertsQueue}: not reached within {timeout.TotalSeconds:0.#} s; received: {Eventually.Describe(messages)}");
            }

            if (await queue.ExistsAsync(Ct))
            {
                foreach (var m in (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30), Ct)).Value)
                {
                    messages.Add(JsonNode.Parse(m.Body.ToString())!);
                    await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt, Ct);
                }
            }

            if (messages.Count < count)
            {
                await Task.Delay(50, Ct);
            }
        }

        return messages;
    }

    public static JsonObject CriticalBloodPressure(SessionScript script, TimeSpan at) => script.Vitals(at, systolic: 205, diastolic: 125);

    public static JsonObject SevereAdverseEffect(SessionScript script, TimeSpan at) =>
        script.Event("AdverseEffectObserved", at, new JsonObject { ["effect"] = "respiratoryDepression", ["severity"] = "lifeThreatening" });

    public static JsonObject CriticalSpo2(SessionScript script, TimeSpan at) => script.Vitals(at, spo2: 85);
}
