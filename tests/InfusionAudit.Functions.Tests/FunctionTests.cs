using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Queues.Models;
using InfusionAudit.Application.Http;
using InfusionAudit.Application.Ingestion;
using InfusionAudit.Application.Sessions;
using InfusionAudit.Functions.Functions;
using Microsoft.AspNetCore.Http;

namespace InfusionAudit.Functions.Tests;

public sealed class FunctionTests(FunctionServices services) : IClassFixture<FunctionServices>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheQueueFunctionIngestsABatchAndUsesTheMessageInsertionTimeAsReceiveTime()
    {
        var sessionId = NewSession();
        var insertedOn = DateTimeOffset.UtcNow.AddSeconds(-30);
        var message = QueuesModelFactory.QueueMessage("msg-1", "pop", BinaryData.FromString(Batch(sessionId, 3)), 1, insertedOn: insertedOn);

        await new IngestEventsFunction(services.Get<IngestHandler>(), TimeProvider.System).Run(message, Ct);

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

        await new PostEventsFunction(services.Get<EventsEndpoint>()).Run(context.Request, Ct);

        context.Response.StatusCode.ShouldBe(202);
        var body = JsonNode.Parse(ResponseText(context))!;
        body["accepted"]!.GetValue<int>().ShouldBe(2);
    }

    [Fact]
    public async Task TheSessionFunctionAnswers401WithoutAKeyAnd404ForAnUnknownSession()
    {
        var anonymous = Request("GET", null, null);
        var unknown = Request("GET", null, FunctionServices.AuditorKey);
        var function = new GetSessionFunction(services.Get<SessionsEndpoint>());

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

        await new GetSessionFunction(services.Get<SessionsEndpoint>()).Run(context.Request, sessionId, Ct);

        context.Response.StatusCode.ShouldBe(200);
        JsonNode.Parse(ResponseText(context))!["events"]!.AsArray().Count.ShouldBe(4);
    }

    [Fact]
    public async Task TheHealthFunctionAnswersAnonymously()
    {
        var context = Request("GET", null, null);

        await new HealthFunction(services.Get<HealthEndpoint>()).Run(context.Request);

        context.Response.StatusCode.ShouldBe(200);
    }

    private DefaultHttpContext Request(string method, string? body, string? key)
    {
        var context = new DefaultHttpContext { RequestServices = services.Provider };
        context.Request.Method = method;
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body ?? string.Empty));
        context.Request.ContentType = "application/json";
        if (key is not null)
        {
            context.Request.Headers["x-functions-key"] = key;
        }

        context.Response.Body = new MemoryStream();
        return context;
    }

    private static string ResponseText(DefaultHttpContext context)
    {
        context.Response.Body.Position = 0;
        return new StreamReader(context.Response.Body).ReadToEnd();
    }

    private static string NewSession() => "F-" + Guid.NewGuid().ToString("N")[..16];

    /// <summary>A session start and vitals readings, in the contract's JSON.</summary>
    private static string Batch(string sessionId, int count)
    {
        var start = DateTimeOffset.UtcNow.AddMinutes(-30);
        var events = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            JsonObject payload = i == 0
                ? new() { ["patientRef"] = "MRN-1", ["protocolId"] = "ketamine-iv-depression", ["route"] = "IV", ["weightKg"] = 70, ["prescribedDoseMgPerKg"] = 0.5, ["plannedDurationMin"] = 40, ["concentrationMgPerMl"] = 1 }
                : new() { ["heartRateBpm"] = 70 + i, ["systolicMmHg"] = 120, ["diastolicMmHg"] = 80 };
            events.Add(new JsonObject
            {
                ["schemaVersion"] = 1,
                ["eventId"] = $"{sessionId}-{i}",
                ["type"] = i == 0 ? "SessionStarted" : "VitalsRecorded",
                ["sessionId"] = sessionId,
                ["clinicId"] = "fn-clinic",
                ["deviceId"] = "mon-1",
                ["sequence"] = i,
                ["occurredAt"] = start.AddMinutes(i).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                ["payload"] = payload,
            });
        }

        return events.ToJsonString();
    }
}
