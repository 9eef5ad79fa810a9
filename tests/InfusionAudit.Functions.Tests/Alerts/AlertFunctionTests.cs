using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using InfusionAudit.Application.Alerts;
using InfusionAudit.Application.Http;
using InfusionAudit.Application.Ingestion;
using InfusionAudit.Functions.Functions;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace InfusionAudit.Functions.Tests.Alerts;

/// <summary>The alert functions are thin adapters over the shared endpoints: same answers, same role checks.</summary>
public sealed class AlertFunctionTests(FunctionServices services) : IClassFixture<FunctionServices>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheListFunctionReturnsTheAlertOfACriticalEventAndTheAcknowledgeFunctionRefusesAnAuditor()
    {
        var clinic = "fn-" + Guid.NewGuid().ToString("N")[..10];
        var sessionId = "F-" + Guid.NewGuid().ToString("N")[..16];
        await services.Get<IngestHandler>().HandleAsync(CriticalSession(sessionId, clinic), new IngestContext("queue", "m-" + sessionId, DateTimeOffset.UtcNow), Ct);
        var functions = new AlertFunctions(services.Get<AlertsEndpoint>());

        var list = Request("GET", null, FunctionServices.AuditorKey, $"?clinicId={clinic}");
        await functions.List(list.Request, Ct);
        var alertId = JsonNode.Parse(ResponseText(list))!["items"]!.AsArray().ShouldHaveSingleItem()!["alert"]!["alertId"]!.GetValue<string>();
        var ack = Request("POST", null, FunctionServices.AuditorKey);
        await functions.Acknowledge(ack.Request, alertId, Ct);
        var get = Request("GET", null, FunctionServices.AuditorKey);
        await functions.Get(get.Request, alertId, Ct);

        list.Response.StatusCode.ShouldBe(200);
        ack.Response.StatusCode.ShouldBe(403);
        get.Response.StatusCode.ShouldBe(200);
        JsonNode.Parse(ResponseText(get))!["alert"]!["ruleId"]!.GetValue<string>().ShouldBe("VITALS-BP-CRITICAL");
    }

    [Fact]
    public async Task AnAuditorReadsSilencesButCannotCreateThem()
    {
        var functions = new AlertSilenceFunctions(services.Get<AlertSilencesEndpoint>());
        var list = Request("GET", null, FunctionServices.AuditorKey, "?clinicId=fn-none");
        var create = Request("POST", """{"clinicId":"fn-none","endsAt":"2099-01-01T00:00:00Z","reason":"x"}""", FunctionServices.AuditorKey);

        await functions.List(list.Request, Ct);
        await functions.Create(create.Request, Ct);

        list.Response.StatusCode.ShouldBe(200);
        create.Response.StatusCode.ShouldBe(403);
    }

    [Fact]
    public async Task TheAlertTimerFunctionRunsTheHandler()
    {
        await new AlertClockFunction(services.Get<AlertClockHandler>()).Run(new TimerInfo(), Ct);
    }

    private DefaultHttpContext Request(string method, string? body, string? key, string query = "")
    {
        var context = new DefaultHttpContext { RequestServices = services.Provider };
        context.Request.Method = method;
        context.Request.QueryString = new QueryString(query);
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body ?? string.Empty));
        context.Request.ContentType = "application/json";
        if (body is null)
        {
            context.Request.ContentLength = 0;
        }

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

    private static string CriticalSession(string sessionId, string clinic)
    {
        var start = DateTimeOffset.UtcNow.AddMinutes(-30);
        JsonObject Event(int n, string type, JsonObject payload) => new()
        {
            ["schemaVersion"] = 1,
            ["eventId"] = $"{sessionId}-{n}",
            ["type"] = type,
            ["sessionId"] = sessionId,
            ["clinicId"] = clinic,
            ["deviceId"] = "mon-1",
            ["sequence"] = n,
            ["occurredAt"] = start.AddMinutes(n).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["payload"] = payload,
        };

        return new JsonArray(
            Event(0, "SessionStarted", new JsonObject { ["patientRef"] = "MRN-1", ["protocolId"] = "ketamine-iv-depression", ["route"] = "IV", ["weightKg"] = 70, ["prescribedDoseMgPerKg"] = 0.5, ["plannedDurationMin"] = 40, ["concentrationMgPerMl"] = 1 }),
            Event(1, "VitalsRecorded", new JsonObject { ["systolicMmHg"] = 205, ["diastolicMmHg"] = 125 })).ToJsonString();
    }
}
