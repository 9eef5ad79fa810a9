using System.Text.Json.Nodes;
using InfusionAudit.Application.Ingestion;
using InfusionAudit.Functions.Functions;
using InfusionAudit.Http;
using InfusionAudit.Testing;
using Microsoft.AspNetCore.Http;

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
        var functions = new AlertFunctions(services.Get<RouteDispatcher>());

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
        var functions = new AlertSilenceFunctions(services.Get<RouteDispatcher>());
        var list = Request("GET", null, FunctionServices.AuditorKey, "?clinicId=fn-none");
        var create = Request("POST", """{"clinicId":"fn-none","endsAt":"2099-01-01T00:00:00Z","reason":"x"}""", FunctionServices.AuditorKey);

        await functions.List(list.Request, Ct);
        await functions.Create(create.Request, Ct);

        list.Response.StatusCode.ShouldBe(200);
        create.Response.StatusCode.ShouldBe(403);
    }

    private DefaultHttpContext Request(string method, string? body, string? key, string query = "") =>
        FunctionRequests.Create(services.Provider, method, body, key, query);

    private static string ResponseText(DefaultHttpContext context) => FunctionRequests.ResponseText(context);

    private static string CriticalSession(string sessionId, string clinic)
    {
        var start = DateTimeOffset.UtcNow.AddMinutes(-30);
        JsonObject Event(int n, string type, JsonObject payload) => SessionScript.Event($"{sessionId}-{n}", sessionId, clinic, "mon-1", n, type, start.AddMinutes(n), payload);

        return new JsonArray(
            Event(0, "SessionStarted", SessionScript.StandardStart("MRN-1")),
            Event(1, "VitalsRecorded", new JsonObject { ["systolicMmHg"] = 205, ["diastolicMmHg"] = 125 })).ToJsonString();
    }
}
