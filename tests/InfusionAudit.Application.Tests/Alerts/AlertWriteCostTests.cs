using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using InfusionAudit.Application.Ingestion;
using InfusionAudit.Infrastructure.Storage;
using InfusionAudit.Testing;
using static InfusionAudit.Testing.AlertTestHost;

namespace InfusionAudit.Application.Tests.Alerts;

/// <summary>
/// What an alert costs in storage requests (issue 14: each alert change writes index rows for the on-call lists, the
/// all-clinics list and the listing by session date). Measured as the difference between two messages of the same
/// shape, one that raises a critical alert and one that does not, and per acknowledgement and resolution. Counts, not
/// times: they do not depend on the machine's load.
/// </summary>
public sealed class AlertWriteCostTests
{
    [Fact]
    public async Task RaisingAcknowledgingAndResolvingACriticalAlertCostAFewRequestsEach()
    {
        var clock = NewClock();
        await using var host = await StartOnClockAsync(clock, NewName("alerts"), NewName("scope"));
        var counter = host.Get<StorageRequestCounter>();
        var quiet = new SessionScript { Start = clock.GetUtcNow() - TimeSpan.FromMinutes(10) };
        var alerting = new SessionScript { Start = clock.GetUtcNow() - TimeSpan.FromMinutes(10) };
        await IngestAsync(host, [quiet.Started(), quiet.Vitals(TimeSpan.FromMinutes(2))]);
        await IngestAsync(host, [alerting.Started(), alerting.Vitals(TimeSpan.FromMinutes(2))]);

        var plain = await CountAsync(host, counter, () => IngestAsync(host, [quiet.Vitals(TimeSpan.FromMinutes(5), spo2: 97)]));
        var raise = await CountAsync(host, counter, () => IngestAsync(host, [alerting.Vitals(TimeSpan.FromMinutes(5), spo2: 85)]));

        var client = host.Client(TestKeys.OnCall);
        var alertId = (await client.GetFromJsonAsync<JsonNode>($"/api/alerts?clinicId={alerting.ClinicId}&state=open", Ct))!["items"]!.AsArray()
            .Single(i => i!["alert"]!["sessionId"]!.GetValue<string>() == alerting.SessionId)!["alert"]!["alertId"]!.GetValue<string>();
        var acknowledge = await CountAsync(host, counter, () => PostAsync(client, $"/api/alerts/{alertId}/acknowledge", """{"by":"Dr. Ortiz","note":"on my way"}"""));
        var resolve = await CountAsync(host, counter, () => PostAsync(client, $"/api/alerts/{alertId}/resolve", """{"by":"Dr. Ortiz","reason":"SpO2 back to 97 % on oxygen"}"""));

        var extra = Subtract(raise, plain);
        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine($"message without an alert: {Total(plain)} requests: {Format(plain)}");
        output?.WriteLine($"message raising a critical alert: {Total(raise)} requests: {Format(raise)}");
        output?.WriteLine($"the alert's own cost: {Total(extra)} requests: {Format(extra)}");
        output?.WriteLine($"acknowledge: {Total(acknowledge)} requests: {Format(acknowledge)}");
        output?.WriteLine($"resolve: {Total(resolve)} requests: {Format(resolve)}");

        // Measured 2026-12-05 (docs/benchmarks.md, "What an alert costs in storage requests"): 16 for the raise (the alert
        // queue's creation on the first send among them), 11 each for acknowledge and resolve. The bounds leave room for
        // the group commit's merging (how many $batch), not for another row per change.
        Total(extra).ShouldBeInRange(1, 18, Format(extra));
        extra.GetValueOrDefault("PUT AlertIndex()").ShouldBeLessThanOrEqualTo(6, "4 on-call lists, the listing by session date and the due-work schedule");
        Total(acknowledge).ShouldBeInRange(1, 12, Format(acknowledge));
        Total(resolve).ShouldBeInRange(1, 12, Format(resolve));
    }

    private static async Task IngestAsync(TestHost host, IEnumerable<JsonObject> events) =>
        (await host.Ingest.HandleAsync(SessionScript.Batch(events), new IngestContext("queue", "m-" + Guid.NewGuid().ToString("N"), DateTimeOffset.UtcNow), Ct)).Accepted.ShouldBeGreaterThan(0);

    private static async Task PostAsync(HttpClient client, string path, string body)
    {
        using var response = await client.PostAsync(path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>Storage requests the action made, by operation; the event queue's own polling left out.</summary>
    private static async Task<Dictionary<string, long>> CountAsync(TestHost host, StorageRequestCounter counter, Func<Task> action)
    {
        var before = counter.ByOperation;
        await action();
        return counter.ByOperation
            .Where(o => !o.Key.Contains(host.EventsQueue, StringComparison.Ordinal))
            .Select(o => (o.Key, Count: o.Value - before.GetValueOrDefault(o.Key)))
            .Where(o => o.Count != 0)
            .ToDictionary(o => o.Key, o => o.Count, StringComparer.Ordinal);
    }

    private static Dictionary<string, long> Subtract(Dictionary<string, long> a, Dictionary<string, long> b) =>
        a.Keys.Union(b.Keys).Select(k => (k, a.GetValueOrDefault(k) - b.GetValueOrDefault(k))).Where(x => x.Item2 != 0).ToDictionary(x => x.k, x => x.Item2, StringComparer.Ordinal);

    private static long Total(Dictionary<string, long> counts) => counts.Values.Sum();

    private static string Format(Dictionary<string, long> counts) => string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}"));
}
