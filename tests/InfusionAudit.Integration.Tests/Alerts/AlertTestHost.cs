using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using InfusionAudit.Integration.Tests.Infrastructure;

namespace InfusionAudit.Integration.Tests.Alerts;

/// <summary>
/// Starts the real local host with alerting pointed at a queue and a timer scope of the test's own, so tests never see
/// (or send) each other's alerts, and reads the alert queue the way a consumer would.
/// </summary>
internal static class AlertTestHost
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static string NewName(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..12];

    public static Task<TestHost> StartAsync(string alertsQueue, string scope, IDictionary<string, string?>? extra = null, string? eventsQueue = null)
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

        return TestHost.StartAsync(eventsQueue: eventsQueue, settings: settings);
    }

    public static QueueClient Queue(string name) =>
        new(Azurite.ConnectionString, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    public static async Task SendAsync(TestHost host, IEnumerable<JsonObject> events)
    {
        var queue = Queue(host.EventsQueue);
        await queue.CreateIfNotExistsAsync(cancellationToken: Ct);
        await queue.SendMessageAsync(SessionScript.Batch(events), Ct);
    }

    /// <summary>Takes every message off the alert queue within <paramref name="wait"/>, as parsed JSON.</summary>
    public static async Task<List<JsonNode>> DrainAsync(string alertsQueue, TimeSpan wait)
    {
        var queue = Queue(alertsQueue);
        var messages = new List<JsonNode>();
        var until = DateTimeOffset.UtcNow + wait;
        while (DateTimeOffset.UtcNow < until)
        {
            if (await queue.ExistsAsync(Ct))
            {
                foreach (var m in (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30), Ct)).Value)
                {
                    messages.Add(JsonNode.Parse(m.Body.ToString())!);
                    await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt, Ct);
                }
            }

            await Task.Delay(100, Ct);
        }

        return messages;
    }

    /// <summary>Waits until the alert queue has delivered <paramref name="count"/> messages (or the time is up) and returns them all.</summary>
    public static async Task<List<JsonNode>> WaitForAsync(string alertsQueue, int count, TimeSpan timeout)
    {
        var queue = Queue(alertsQueue);
        var messages = new List<JsonNode>();
        var until = DateTimeOffset.UtcNow + timeout;
        while (messages.Count < count && DateTimeOffset.UtcNow < until)
        {
            if (await queue.ExistsAsync(Ct))
            {
                foreach (var m in (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30), Ct)).Value)
                {
                    messages.Add(JsonNode.Parse(m.Body.ToString())!);
                    await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt, Ct);
                }
            }

            await Task.Delay(50, Ct);
        }

        return messages;
    }

    public static JsonObject CriticalBloodPressure(SessionScript script, TimeSpan at) => script.Vitals(at, systolic: 205, diastolic: 125);

    public static JsonObject SevereAdverseEffect(SessionScript script, TimeSpan at) =>
        script.Event("AdverseEffectObserved", at, new JsonObject { ["effect"] = "respiratoryDepression", ["severity"] = "lifeThreatening" });

    public static JsonObject CriticalSpo2(SessionScript script, TimeSpan at) => script.Vitals(at, spo2: 85);
}
