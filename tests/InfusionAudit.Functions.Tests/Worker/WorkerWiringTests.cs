using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using InfusionAudit.Application.Sessions;
using InfusionAudit.Functions.Functions;
using InfusionAudit.Testing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace InfusionAudit.Functions.Tests.Worker;

/// <summary>
/// The worker's real wiring: the host Program.cs builds, its middleware, every function class made by the worker's
/// activator from that container, and the queue and timer functions invoked on those instances.
/// </summary>
public sealed class WorkerWiringTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Type[] FunctionClasses = [.. typeof(WorkerSetup).Assembly.GetTypes()
        .Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<FunctionAttribute>() is not null))
        .OrderBy(t => t.Name, StringComparer.Ordinal)];

    [Fact]
    public async Task EveryFunctionClassIsMadeByTheWorkersActivatorFromItsContainer()
    {
        await using var worker = await WorkerHost.BuildAsync();
        using var invocation = worker.Services.CreateScope();

        var made = FunctionClasses.Select(c => worker.Activate(c, invocation)).ToList();

        FunctionClasses.ShouldContain(typeof(IngestEventsFunction));
        FunctionClasses.ShouldContain(typeof(SessionClockFunction));
        FunctionClasses.ShouldContain(typeof(AlertClockFunction));
        FunctionClasses.ShouldContain(typeof(PostEventsFunction));
        made.Select(m => m.GetType()).ShouldBe(FunctionClasses);
    }

    [Fact]
    public async Task TheWorkerRunsInvocationsThroughTheAspNetCoreProxyingMiddleware()
    {
        await using var worker = await WorkerHost.BuildAsync();

        var middleware = worker.Registrations.Select(d => d.ServiceType).Where(typeof(IFunctionsWorkerMiddleware).IsAssignableFrom).ToList();

        // ConfigureFunctionsWebApplication: HTTP triggers answer through ASP.NET Core (HttpRequest in, IActionResult out).
        middleware.Select(m => m.Name).ShouldContain("FunctionsHttpProxyingMiddleware");
        middleware.ShouldAllBe(m => worker.Services.GetService(m) != null);
        worker.Services.GetService<FunctionExecutionDelegate>().ShouldNotBeNull("the invocation pipeline builds");
    }

    [Fact]
    public async Task TheWorkerRefusesToStartWithoutAPatientHashKey()
    {
        var refused = await Should.ThrowAsync<Exception>(() => WorkerHost.BuildAsync(new Dictionary<string, string?> { ["InfusionAudit:PatientHashKey"] = "" }));

        refused.Message.ShouldContain("PatientHashKey");
    }

    [Fact]
    public async Task TheAlertTimerFunctionFromTheContainerSendsAStoredAlertOnceItsCreatorsLeaseIsOver()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
        var alertsQueue = "fn-alerts-" + Guid.NewGuid().ToString("N")[..12];
        await using var worker = await WorkerHost.BuildAsync(
            new Dictionary<string, string?>
            {
                ["InfusionAudit:Alerts:QueueName"] = alertsQueue,
                ["InfusionAudit:Alerts:Scope"] = "fn-" + Guid.NewGuid().ToString("N")[..12],
                ["InfusionAudit:Alerts:Transports"] = "queue",
                // Every send is left to the timer, as when the host that stored the alert died before sending it.
                ["InfusionAudit:Alerts:InlineDispatch"] = "false",
                ["InfusionAudit:Alerts:DispatchLease"] = "00:00:15",
            },
            clock);
        var alerts = new QueueClient(worker.ConnectionString, alertsQueue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await alerts.CreateIfNotExistsAsync(cancellationToken: Ct);
        var sessionId = NewSession();

        await InvokeAsync<IngestEventsFunction>(worker, f => f.Run(QueueMessage(CriticalBloodPressure(sessionId, clock.GetUtcNow()), clock.GetUtcNow()), Ct));
        clock.Advance(TimeSpan.FromSeconds(14));
        await InvokeAsync<AlertClockFunction>(worker, f => f.Run(new TimerInfo(), Ct));
        var withinTheLease = (await alerts.PeekMessagesAsync(32, Ct)).Value;
        clock.Advance(TimeSpan.FromSeconds(1));
        await InvokeAsync<AlertClockFunction>(worker, f => f.Run(new TimerInfo(), Ct));
        var sent = (await alerts.PeekMessagesAsync(32, Ct)).Value;

        withinTheLease.ShouldBeEmpty();
        var message = JsonNode.Parse(sent.ShouldHaveSingleItem().Body.ToString())!;
        message["kind"]!.GetValue<string>().ShouldBe("trigger");
        message["sessionId"]!.GetValue<string>().ShouldBe(sessionId);
        message["ruleIds"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldBe(["VITALS-BP-CRITICAL"]);
    }

    [Fact]
    public async Task TheSessionClockFunctionFromTheContainerJudgesOpenSessionsAtTheCurrentTime()
    {
        await using var worker = await WorkerHost.BuildAsync();
        var sessionId = NewSession();
        // Readings that arrived an hour ago with no session start: the start is 10 minutes overdue since 50 minutes.
        var arrived = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()).AddHours(-1);
        var vitals = SessionScript.Event($"{sessionId}-1", sessionId, "fn-clinic", "mon-1", 1, "VitalsRecorded", arrived, new JsonObject { ["heartRateBpm"] = 72 });

        await InvokeAsync<IngestEventsFunction>(worker, f => f.Run(QueueMessage(new JsonArray(vitals).ToJsonString(), arrived), Ct));
        var before = await worker.Services.GetRequiredService<SessionQueryHandler>().GetAsync(sessionId, Ct);
        await InvokeAsync<SessionClockFunction>(worker, f => f.Run(new TimerInfo(), Ct));
        var after = await worker.Services.GetRequiredService<SessionQueryHandler>().GetAsync(sessionId, Ct);

        before.ShouldNotBeNull().Findings.ShouldNotContain(f => f.RuleId == "SESSION-NO-START");
        var noStart = after.ShouldNotBeNull().Findings.ShouldHaveSingleItem();
        noStart.RuleId.ShouldBe("SESSION-NO-START");
        noStart.DetectedAt.ShouldBe(arrived + TimeSpan.FromMinutes(10));
    }

    /// <summary>One invocation: a scope of the worker's container, the function made by its activator, called.</summary>
    private static async Task InvokeAsync<T>(WorkerHost worker, Func<T, Task> run) where T : class
    {
        using var invocation = worker.Services.CreateScope();
        await run(worker.Activate<T>(invocation));
    }

    private static QueueMessage QueueMessage(string json, DateTimeOffset insertedOn) =>
        QueuesModelFactory.QueueMessage("m-" + Guid.NewGuid().ToString("N"), "pop", BinaryData.FromString(Convert.ToBase64String(Encoding.UTF8.GetBytes(json))), 1, insertedOn: insertedOn);

    private static string NewSession() => "W-" + Guid.NewGuid().ToString("N")[..16];

    private static string CriticalBloodPressure(string sessionId, DateTimeOffset now)
    {
        var start = now.AddMinutes(-30);
        return new JsonArray(
            SessionScript.Event($"{sessionId}-0", sessionId, "fn-clinic", "mon-1", 0, "SessionStarted", start, SessionScript.StandardStart("MRN-1")),
            SessionScript.Event($"{sessionId}-1", sessionId, "fn-clinic", "mon-1", 1, "VitalsRecorded", start.AddMinutes(1), new JsonObject { ["systolicMmHg"] = 205, ["diastolicMmHg"] = 125 })).ToJsonString();
    }
}
