using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using InfusionAudit.Application.Audit;
using InfusionAudit.Application.Ingestion;
using InfusionAudit.Functions.Functions;
using InfusionAudit.Http;
using InfusionAudit.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace InfusionAudit.Functions.Tests.Audit;

public sealed class AuditFunctionTests(FunctionServices services) : IClassFixture<FunctionServices>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void EveryHttpFunctionIsDocumentedAndEveryDocumentedRouteHasAFunction()
    {
        var functions = typeof(HealthFunction).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)
            .SelectMany(m => m.GetParameters())
            .Select(p => p.GetCustomAttribute<HttpTriggerAttribute>())
            .OfType<HttpTriggerAttribute>()
            .SelectMany(t => (t.Methods ?? []).Select(m => $"{m.ToUpperInvariant()} /api/{t.Route}"))
            .ToHashSet(StringComparer.Ordinal);
        var documented = RouteTable.All
            .Where(o => !o.LocalHostOnly)
            .Select(o => $"{o.Method} {o.Template}")
            .ToHashSet(StringComparer.Ordinal);

        functions.Except(documented).ShouldBeEmpty("functions not in the OpenAPI document");
        documented.Except(functions).ShouldBeEmpty("documented routes without a function");
    }

    [Fact]
    public async Task TheAuditFunctionsAnswerThroughTheSharedEndpointsAndRecordEachRead()
    {
        var clinic = "fa-" + Guid.NewGuid().ToString("N")[..12];
        var sessionId = "FA-" + Guid.NewGuid().ToString("N")[..16];
        var start = new DateTimeOffset(2025, 10, 2, 9, 0, 0, TimeSpan.Zero);
        await services.Get<IngestHandler>().HandleAsync(Batch(sessionId, clinic, start), new IngestContext("queue", "m-" + sessionId, start.AddMinutes(50)), Ct);
        var range = "?from=2025-10-02&to=2025-10-02";

        var sessions = await RunAsync(c => new AuditClinicSessionsFunction(services.Get<RouteDispatcher>()).Run(c.Request, clinic, Ct), range, FunctionServices.AuditorKey, $"/api/clinics/{clinic}/sessions");
        var findings = await RunAsync(c => new AuditClinicFindingsFunction(services.Get<RouteDispatcher>()).Run(c.Request, clinic, Ct), range + "&format=csv", FunctionServices.AuditorKey, $"/api/clinics/{clinic}/findings");
        var rejected = await RunAsync(c => new AuditRejectedFunction(services.Get<RouteDispatcher>()).Run(c.Request, clinic, Ct), range, FunctionServices.AuditorKey, $"/api/clinics/{clinic}/rejected");
        var report = await RunAsync(c => new AuditComplianceReportFunction(services.Get<RouteDispatcher>()).Run(c.Request, clinic, Ct), range, FunctionServices.AuditorKey, $"/api/clinics/{clinic}/compliance-report");
        var timeline = await RunAsync(c => new AuditSessionTimelineFunction(services.Get<RouteDispatcher>()).Run(c.Request, sessionId, Ct), "", FunctionServices.AuditorKey, $"/api/sessions/{sessionId}/timeline");
        var remsForm = await RunAsync(c => new AuditRemsFormFunction(services.Get<RouteDispatcher>()).Run(c.Request, sessionId, Ct), "?format=html", FunctionServices.AuditorKey, $"/api/sessions/{sessionId}/rems-form");
        var remsForms = await RunAsync(c => new AuditClinicRemsFormsFunction(services.Get<RouteDispatcher>()).Run(c.Request, clinic, Ct), range + "&format=csv", FunctionServices.AuditorKey, $"/api/clinics/{clinic}/rems-forms");
        var openApi = await RunAsync(c => new OpenApiFunction(services.Get<RouteDispatcher>()).Run(c.Request), "", FunctionServices.ProducerKey, "/api/openapi.json");
        var anonymous = await RunAsync(c => new AuditClinicSessionsFunction(services.Get<RouteDispatcher>()).Run(c.Request, clinic, Ct), range, null, $"/api/clinics/{clinic}/sessions");
        var auditorOnLog = await RunAsync(c => new AuditAccessLogFunction(services.Get<RouteDispatcher>()).Run(c.Request, Ct), $"?date={DateTimeOffset.UtcNow:yyyy-MM-dd}", FunctionServices.AuditorKey, "/api/access-log");
        var logged = new StringBuilder();
        string? token = null;
        do
        {
            var page = await RunAsync(
                c => new AuditAccessLogFunction(services.Get<RouteDispatcher>()).Run(c.Request, Ct),
                $"?date={DateTimeOffset.UtcNow:yyyy-MM-dd}&pageSize=1000" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token)),
                FunctionServices.AdminKey,
                "/api/access-log");
            page.Status.ShouldBe(200);
            logged.Append(page.Body);
            token = JsonNode.Parse(page.Body)!["continuationToken"]?.GetValue<string>();
        }
        while (token is not null);

        sessions.Status.ShouldBe(200);
        JsonNode.Parse(sessions.Body)!["items"]![0]!["sessionId"]!.GetValue<string>().ShouldBe(sessionId);
        findings.Status.ShouldBe(200);
        findings.ContentType.ShouldStartWith("text/csv");
        rejected.Status.ShouldBe(200);
        JsonNode.Parse(report.Body)!["sessions"]!["total"]!.GetValue<int>().ShouldBe(1);
        timeline.Status.ShouldBe(200);
        remsForm.Status.ShouldBe(409, "an IV session has no REMS form: " + remsForm.Body);
        remsForm.ContentType.ShouldStartWith("application/problem+json");
        remsForms.Status.ShouldBe(200);
        remsForms.ContentType.ShouldStartWith("text/csv");
        remsForms.Body.ShouldBe(string.Join(',', RemsFormCsv.Columns.Headers) + "\r\n", "no esketamine session in the range: the header only");
        JsonNode.Parse(openApi.Body)!["paths"]!.AsObject().ContainsKey("/api/access-log").ShouldBeTrue();
        anonymous.Status.ShouldBe(401);
        auditorOnLog.Status.ShouldBe(403);
        logged.ToString().ShouldContain($"/api/clinics/{clinic}/sessions");
    }

    private async Task<(int Status, string ContentType, string Body)> RunAsync(Func<DefaultHttpContext, Task> run, string query, string? key, string path)
    {
        var context = new DefaultHttpContext { RequestServices = services.Provider };
        context.Request.Method = "GET";
        context.Request.Path = path;
        context.Request.QueryString = new QueryString(query.Length == 0 ? null : query);
        if (key is not null)
        {
            context.Request.Headers["x-functions-key"] = key;
        }

        context.Response.Body = new MemoryStream();
        await run(context);
        context.Response.Body.Position = 0;
        return (context.Response.StatusCode, context.Response.ContentType ?? "", await new StreamReader(context.Response.Body).ReadToEndAsync(Ct));
    }

    /// <summary>A standard IV session, completed.</summary>
    private static string Batch(string sessionId, string clinic, DateTimeOffset start)
    {
        (string Type, double Minutes, JsonObject Payload)[] script =
        [
            ("SessionStarted", 0, SessionScript.StandardStart("MRN-F1")),
            ("InfusionRateChanged", 0.5, new() { ["rateMlPerHour"] = 52.5 }),
            ("InfusionRateChanged", 40.5, new() { ["rateMlPerHour"] = 0 }),
            ("SessionEnded", 45, new() { ["reason"] = "completed" }),
        ];
        var events = new JsonArray();
        for (var i = 0; i < script.Length; i++)
        {
            events.Add(SessionScript.Event($"{sessionId}-{i}", sessionId, clinic, "pump-1", i, script[i].Type, start.AddMinutes(script[i].Minutes), script[i].Payload));
        }

        return events.ToJsonString();
    }
}
