using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using InfusionAudit.Infrastructure.Storage;
using InfusionAudit.Testing;

namespace InfusionAudit.Hosts.Tests.Faults;

/// <summary>
/// Issue 11 item 9: storage is reset under a running local host (every table and queue deleted, as a restarted
/// in-memory Azurite leaves it). Without a host restart, the next event, alert, delivery, rejection and audit read
/// must still be stored. Runs on a private Azurite, since it deletes the shared table names.
/// </summary>
public sealed class StorageResetUnderHostTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AfterEveryTableAndQueueIsDeletedTheNextEventAlertRejectionAndAuditReadAreStored()
    {
        await using var azurite = await OnDiskAzurite.StartAsync();
        var alertsQueue = "alerts-" + Guid.NewGuid().ToString("N")[..12];
        await using var host = await TestHost.StartAsync(storage: azurite.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["InfusionAudit:Alerts:QueueName"] = alertsQueue,
            ["LocalHost:Clock"] = "off",
        });
        var producer = host.Client(TestKeys.Producer);
        var warmUp = new SessionScript();
        (await producer.PostAsync("/api/events", Json(SessionScript.Batch([warmUp.Started(), AlertTestHost.CriticalBloodPressure(warmUp, TimeSpan.FromMinutes(5))])), Ct)).EnsureSuccessStatusCode();
        var queues = new QueueServiceClient(azurite.ConnectionString);
        await Eventually.Require("the warm-up alert reaches its queue", async () => (await queues.GetQueueClient(alertsQueue).ExistsAsync(Ct)).Value, e => e, TimeSpan.FromSeconds(20));

        // The reset: every table and every queue goes, while the host runs on.
        var tables = new TableServiceClient(azurite.ConnectionString);
        foreach (var name in TableNames.All)
        {
            await tables.DeleteTableAsync(name, Ct);
        }

        await foreach (var queue in queues.GetQueuesAsync(cancellationToken: Ct))
        {
            await queues.DeleteQueueAsync(queue.Name, Ct);
        }

        var script = new SessionScript(clinicId: "reset-" + Guid.NewGuid().ToString("N")[..8]);
        var invalid = script.Vitals(TimeSpan.FromMinutes(1));
        invalid.Remove("eventId");
        using var posted = await producer.PostAsync("/api/events", Json(SessionScript.Batch([script.Started(), AlertTestHost.CriticalBloodPressure(script, TimeSpan.FromMinutes(5)), invalid])), Ct);
        posted.StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.MultiStatus, HttpStatusCode.Accepted);

        var open = await Eventually.Until(
            () => host.Client(TestKeys.OnCall).GetFromJsonAsync<JsonNode>($"/api/alerts?clinicId={script.ClinicId}&state=open", Ct),
            n => n!["items"]!.AsArray().Count == 1, TimeSpan.FromSeconds(20));
        open!["items"]![0]!["alert"]!["sessionId"]!.GetValue<string>().ShouldBe(script.SessionId);
        var sent = await Eventually.Until(
            async () => (await queues.GetQueueClient(alertsQueue).ExistsAsync(Ct)).Value ? (await queues.GetQueueClient(alertsQueue).PeekMessagesAsync(32, Ct)).Value.Length : 0,
            n => n >= 1, TimeSpan.FromSeconds(20));
        sent.ShouldBeGreaterThanOrEqualTo(1);

        var day = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        // Filed under the clinical date of the event: SessionScript dates it 50 minutes back, yesterday just after midnight.
        var eventDay = script.Start.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var rejected = await host.Client(TestKeys.Auditor).GetStringAsync($"/api/clinics/{script.ClinicId}/rejected?from={eventDay}&to={day}", Ct);
        JsonNode.Parse(rejected)!["count"]!.GetValue<int>().ShouldBe(1, rejected);
        var log = await Eventually.Until(
            () => host.Client(TestKeys.Admin).GetStringAsync($"/api/access-log?date={day}", Ct),
            text => text.Contains("/rejected", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        log.ShouldContain("/rejected");
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
