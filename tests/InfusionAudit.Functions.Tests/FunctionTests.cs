using System.Text.Json.Nodes;
using Azure.Storage.Queues.Models;
using InfusionAudit.Application.Configuration;
using InfusionAudit.Application.Ingestion;
using InfusionAudit.Application.Sessions;
using InfusionAudit.Functions.Functions;
using InfusionAudit.Http;
using InfusionAudit.Infrastructure.Storage;
using InfusionAudit.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace InfusionAudit.Functions.Tests;

public sealed class FunctionTests(FunctionServices services) : IClassFixture<FunctionServices>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheQueueFunctionDecodesABase64BatchAndUsesTheMessageInsertionTimeAsReceiveTime()
    {
        var sessionId = NewSession();
        var insertedOn = DateTimeOffset.UtcNow.AddSeconds(-30);
        var message = QueuesModelFactory.QueueMessage("msg-1", "pop", BinaryData.FromString(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Batch(sessionId, 3)))), 1, insertedOn: insertedOn);

        await new IngestEventsFunction(services.Get<IngestHandler>()).Run(message, Ct);

        var session = await services.Get<SessionQueryHandler>().GetAsync(sessionId, Ct);
        session.ShouldNotBeNull();
        session.Events.Count.ShouldBe(3);
        session.Events.ShouldAllBe(e => e.ReceivedAt == insertedOn);
    }

    [Fact]
    public async Task ThePostFunctionAnswers202WithPerEventResults()
    {
        var sessionId = NewSession();
        var context = Request("POST", Batch(sessionId, 2), FunctionServices.ProducerKey);

        await new PostEventsFunction(services.Get<RouteDispatcher>()).Run(context.Request, Ct);

        context.Response.StatusCode.ShouldBe(202);
        var body = JsonNode.Parse(ResponseText(context))!;
        body["accepted"]!.GetValue<int>().ShouldBe(2);
    }

    [Fact]
    public async Task TheSessionFunctionAnswers401WithoutAKeyAnd404ForAnUnknownSession()
    {
        var anonymous = Request("GET", null, null);
        var unknown = Request("GET", null, FunctionServices.AuditorKey);
        var function = new GetSessionFunction(services.Get<RouteDispatcher>());

        await function.Run(anonymous.Request, "S-x", Ct);
        await function.Run(unknown.Request, NewSession(), Ct);

        anonymous.Response.StatusCode.ShouldBe(401);
        unknown.Response.StatusCode.ShouldBe(404);
    }

    [Fact]
    public async Task TheSessionFunctionReturnsTheStoredSession()
    {
        var sessionId = NewSession();
        await services.Get<IngestHandler>().HandleAsync(Batch(sessionId, 4), new IngestContext("queue", "m-" + sessionId, DateTimeOffset.UtcNow), Ct);
        var context = Request("GET", null, FunctionServices.AuditorKey);

        await new GetSessionFunction(services.Get<RouteDispatcher>()).Run(context.Request, sessionId, Ct);

        context.Response.StatusCode.ShouldBe(200);
        JsonNode.Parse(ResponseText(context))!["events"]!.AsArray().Count.ShouldBe(4);
    }

    [Fact]
    public async Task TheHealthFunctionAnswersAnonymously()
    {
        var context = Request("GET", null, null);

        await new HealthFunction(services.Get<RouteDispatcher>()).Run(context.Request);

        context.Response.StatusCode.ShouldBe(200);
    }

    [Fact]
    public async Task TheReadinessFunctionAnswersAnonymouslyWithEveryCheck()
    {
        var queue = services.Get<IOptions<InfusionAuditOptions>>().Value.EventsQueue;
        foreach (var name in new[] { queue, queue + "-poison" })
        {
            await services.Get<StorageAccount>().Queues.GetQueueClient(name).CreateIfNotExistsAsync(cancellationToken: Ct);
        }

        var context = Request("GET", null, null);

        await new ReadinessFunction(services.Get<RouteDispatcher>()).Run(context.Request);

        var body = JsonNode.Parse(ResponseText(context))!;
        context.Response.StatusCode.ShouldBe(200, body.ToJsonString());
        body["checks"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).ShouldBe(["tables", $"queue:{queue}", $"queue:{queue}-poison", "alerts:queue"], ignoreOrder: true);
    }

    private DefaultHttpContext Request(string method, string? body, string? key) => FunctionRequests.Create(services.Provider, method, body, key);

    private static string ResponseText(DefaultHttpContext context) => FunctionRequests.ResponseText(context);

    private static string NewSession() => "F-" + Guid.NewGuid().ToString("N")[..16];

    /// <summary>A session start and vitals readings, in the contract's JSON.</summary>
    private static string Batch(string sessionId, int count)
    {
        var start = DateTimeOffset.UtcNow.AddMinutes(-30);
        var events = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            var payload = i == 0
                ? SessionScript.StandardStart("MRN-1")
                : new JsonObject { ["heartRateBpm"] = 70 + i, ["systolicMmHg"] = 120, ["diastolicMmHg"] = 80 };
            events.Add(SessionScript.Event($"{sessionId}-{i}", sessionId, "fn-clinic", "mon-1", i, i == 0 ? "SessionStarted" : "VitalsRecorded", start.AddMinutes(i), payload));
        }

        return events.ToJsonString();
    }
}
