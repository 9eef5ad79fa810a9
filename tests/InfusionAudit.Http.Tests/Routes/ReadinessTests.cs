using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using InfusionAudit.Testing;

namespace InfusionAudit.Http.Tests.Routes;

/// <summary><c>/health/ready</c> against the real Azurite: ready when every dependency answers, 503 naming the one that does not.</summary>
public sealed class ReadinessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheHostIsReadyWhenTablesQueuesAndTheAlertQueueAnswer()
    {
        await using var host = await TestHost.StartAsync();

        foreach (var path in new[] { "/health/ready", "/api/health/ready" })
        {
            using var response = await host.Client(null).GetAsync(path, Ct);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;

            response.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToJsonString());
            body["status"]!.GetValue<string>().ShouldBe("ready");
            Checks(body).ShouldBe(new Dictionary<string, string>
            {
                ["tables"] = "ok",
                [$"queue:{host.EventsQueue}"] = "ok",
                [$"queue:{host.EventsQueue}-poison"] = "ok",
                ["alerts:queue"] = "ok",
            });
        }
    }

    [Fact]
    public async Task RefusedTableConnectionsMakeTheHostNotReady()
    {
        // The host cannot create its queues when the tables fail first (StorageInitializer stops at the first failure):
        // create them here, so that the tables are the one thing down.
        var queue = "events-" + Guid.NewGuid().ToString("N")[..12];
        var queues = new QueueServiceClient(Azurite.ConnectionString);
        await queues.GetQueueClient(queue).CreateIfNotExistsAsync(cancellationToken: Ct);
        await queues.GetQueueClient(queue + "-poison").CreateIfNotExistsAsync(cancellationToken: Ct);
        await using var host = await TestHost.StartAsync(eventsQueue: queue, storage: Azurite.WithTablesDown());

        using var response = await host.Client(null).GetAsync("/api/health/ready", Ct);

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, body.ToJsonString());
        body["status"]!.GetValue<string>().ShouldBe("not-ready");
        Checks(body).ShouldBe(new Dictionary<string, string>
        {
            ["tables"] = "failed",
            [$"queue:{queue}"] = "ok",
            [$"queue:{queue}-poison"] = "ok",
            ["alerts:queue"] = "ok",
        });
        body["checks"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "tables")!["error"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task StalledTablesMakeTheHostNotReadyWithinTheProbeTimeoutAndReadyAgainWhenTheyAnswer()
    {
        var connection = Azurite.ConnectionString;
        var tableEndpoint = connection.Split(';').Single(p => p.StartsWith("TableEndpoint=", StringComparison.OrdinalIgnoreCase));
        await using var proxy = new FaultProxy(new Uri(tableEndpoint["TableEndpoint=".Length..]).Port);
        var throughProxy = connection.Replace(tableEndpoint, $"TableEndpoint=http://127.0.0.1:{proxy.Port}/devstoreaccount1", StringComparison.Ordinal);
        await using var host = await TestHost.StartAsync(storage: throughProxy);
        var client = host.Client(null);
        (await StatusAsync(client)).ShouldBe(HttpStatusCode.OK);

        proxy.Inject(ProxyFault.Stall);
        var watch = Stopwatch.StartNew();
        using var stalled = await client.GetAsync("/api/health/ready", Ct);
        watch.Stop();
        var body = JsonNode.Parse(await stalled.Content.ReadAsStringAsync(Ct))!;
        proxy.Inject(ProxyFault.None);

        // A stalled connection never fails by itself (the storage client's network timeout is 100 s per try).
        stalled.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, body.ToJsonString());
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(4));
        var tables = body["checks"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == "tables")!;
        tables["status"]!.GetValue<string>().ShouldBe("failed");
        tables["error"]!.GetValue<string>().ShouldBe("no answer within 2 s");
        (await StatusAsync(client)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AnUnreachableWebhookMakesTheHostNotReady()
    {
        await using var host = await TestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["InfusionAudit:Alerts:Transports"] = "webhook",
            ["InfusionAudit:Alerts:Webhook:Url"] = "http://127.0.0.1:9/events",
        });

        using var response = await host.Client(null).GetAsync("/health/ready", Ct);

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, body.ToJsonString());
        Checks(body).ShouldBe(new Dictionary<string, string>
        {
            ["tables"] = "ok",
            [$"queue:{host.EventsQueue}"] = "ok",
            [$"queue:{host.EventsQueue}-poison"] = "ok",
            ["alerts:webhook"] = "failed",
        });
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/health/ready", Ct);
        return response.StatusCode;
    }

    private static Dictionary<string, string> Checks(JsonNode body) =>
        body["checks"]!.AsArray().ToDictionary(c => c!["name"]!.GetValue<string>(), c => c!["status"]!.GetValue<string>());
}
