using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using InfusionAudit.Application.Ports.Sessions;
using InfusionAudit.Infrastructure.Storage.Sessions;
using InfusionAudit.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;
using Microsoft.Extensions.DependencyInjection;

namespace InfusionAudit.Http.Tests.Audit;

/// <summary>
/// The served OpenAPI document against the running local host: every mapped route is documented, and every documented
/// operation answers with documented statuses and content types, without a key, with a wrong role, with a right one
/// and with bad input.
/// </summary>
public sealed class OpenApiContractTests(AuditFixture fixture) : IClassFixture<AuditFixture>
{
    private static readonly Dictionary<string, string> KeyOf = new(StringComparer.Ordinal)
    {
        ["producer"] = TestKeys.Producer,
        ["onCall"] = TestKeys.OnCall,
        ["auditor"] = TestKeys.Auditor,
        ["admin"] = TestKeys.Admin,
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryMappedRouteIsDocumentedAndEveryDocumentedRouteIsMapped()
    {
        var document = await DocumentAsync();
        var documented = Operations(document).Select(o => $"{o.Method} {o.Path}").ToHashSet(StringComparer.Ordinal);
        var mapped = fixture.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => $"{m} {e.RoutePattern.RawText!.Replace("{*", "{", StringComparison.Ordinal)}"))
            .ToHashSet(StringComparer.Ordinal);

        mapped.Except(documented).ShouldBeEmpty("mapped but not documented");
        documented.Except(mapped).ShouldBeEmpty("documented but not mapped");
        document["openapi"]!.GetValue<string>().ShouldBe("3.1.0");
    }

    [Fact]
    public async Task TheServedDocumentIsValidOpenApi31()
    {
        using var response = await fixture.Host.Client(TestKeys.Auditor).GetAsync("/api/openapi.json", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);

        var read = OpenApiDocument.Parse(text, "json");

        read.Diagnostic!.Errors.ShouldBeEmpty();
        read.Diagnostic.SpecificationVersion.ShouldBe(OpenApiSpecVersion.OpenApi3_1);
        read.Document!.Validate(ValidationRuleSet.GetDefaultRuleSet())!.ShouldBeEmpty();
        read.Document!.Paths!.Count.ShouldBe(Operations(JsonNode.Parse(text)!).Select(o => o.Path).Distinct().Count());
    }

    [Fact]
    public async Task EveryDocumentedOperationAnswersAsDocumented()
    {
        var document = await DocumentAsync();
        var clinic = AuditFixture.NewClinic();
        var now = DateTimeOffset.UtcNow;
        var session = await fixture.IngestAsync(AuditSession.Overdose(clinic, DateTimeOffset.FromUnixTimeSeconds(now.AddMinutes(-50).ToUnixTimeSeconds())) with { ReceivedAt = now });
        var alerts = JsonNode.Parse(await fixture.Host.Client(TestKeys.OnCall).GetStringAsync($"/api/alerts?clinicId={clinic}", Ct))!["items"]!.AsArray();

        // The REMS form exists for an intranasal esketamine session only.
        var esketamine = await fixture.IngestAsync(RemsFormSession.Complete(clinic, DateTimeOffset.FromUnixTimeSeconds(now.AddMinutes(-130).ToUnixTimeSeconds())) with { ReceivedAt = now });
        var silenceBody = new JsonObject { ["clinicId"] = clinic, ["endsAt"] = now.AddHours(1).ToString("O"), ["reason"] = "contract test" }.ToJsonString();
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["clinicId"] = clinic,
            ["sessionId"] = session.SessionId,
            ["alertId"] = alerts[0]!["alert"]!["alertId"]!.GetValue<string>(),
            ["date"] = now.ToString("yyyy-MM-dd"),
            ["patientHash"] = JsonNode.Parse((await fixture.Host.Get<SessionRepository>().LoadAsync(session.SessionId, Ct)).State!.StateJson)!["patientRefHash"]!.GetValue<string>(),
        };
        var bodies = new Dictionary<string, string>(StringComparer.Ordinal) { ["CreateSilence"] = silenceBody };
        var checkedOperations = 0;

        foreach (var operation in Operations(document).OrderBy(o => o.OperationId == "ExpireSilence" ? 1 : 0))
        {
            if (operation.OperationId == "ExpireSilence")
            {
                using var created = await fixture.Host.Client(TestKeys.Admin).PostAsync("/api/silences", Json(silenceBody), Ct);
                values["silenceId"] = JsonNode.Parse(await created.Content.ReadAsStringAsync(Ct))!["silenceId"]!.GetValue<string>();
            }

            values["sessionId"] = operation.OperationId == "GetSessionRemsForm" ? esketamine.SessionId : session.SessionId;
            var url = Url(operation, values, bad: null);
            var body = bodies.GetValueOrDefault(operation.OperationId) ?? operation.RequestExample;

            if (operation.Roles is { } roles)
            {
                await ExpectAsync(operation, url, body, key: null, HttpStatusCode.Unauthorized);
                if (KeyOf.Keys.FirstOrDefault(r => !roles.Contains(r)) is { } outsider)
                {
                    await ExpectAsync(operation, url, body, KeyOf[outsider], HttpStatusCode.Forbidden);
                }
            }

            var key = operation.Roles is { } admitted ? KeyOf[admitted[0]] : null;
            var success = operation.Responses.Keys.Where(s => s is >= 200 and < 300).Min();
            await ExpectAsync(operation, url, body, key, (HttpStatusCode)success);
            if (operation.Responses.ContainsKey(200) && operation.Responses[200].Contains("text/csv"))
            {
                await ExpectAsync(operation, url + "&format=csv", body, key, HttpStatusCode.OK, "text/csv");
            }

            if (operation.Responses.ContainsKey(400) && BadInput(operation, values) is { } badUrl)
            {
                await ExpectAsync(operation, badUrl, body, key, HttpStatusCode.BadRequest);
            }

            checkedOperations++;
        }

        checkedOperations.ShouldBe(Operations(document).Count);
    }

    private async Task ExpectAsync(Operation operation, string url, string? body, string? key, HttpStatusCode expected, string? mediaType = null)
    {
        using var response = await SendAsync(operation, url, body, key, expected);
        var text = await response.Content.ReadAsStringAsync(Ct);
        var status = (int)response.StatusCode;
        var context = $"{operation.Method} {url} ({operation.OperationId}) → {status}: {text[..Math.Min(text.Length, 300)]}";
        response.StatusCode.ShouldBe(expected, context);
        operation.Responses.ShouldContainKey(status, "undocumented status: " + context);
        var actualType = response.Content.Headers.ContentType?.MediaType;
        actualType.ShouldNotBeNull(context);
        (mediaType is null ? operation.Responses[status] : [mediaType]).ShouldContain(actualType, context);
        operation.Responses[status].ShouldContain(actualType, "undocumented content type: " + context);
    }

    /// <summary>
    /// Sends the request. Readiness answers 503 (documented) while a probe waits more than its 2 s for storage, which a
    /// shared Azurite under the whole suite's load sometimes does: where 200 is expected of it, the request is repeated
    /// until storage answers in time (30 s at most), and the contract is checked on that answer.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(Operation operation, string url, string? body, string? key, HttpStatusCode expected)
    {
        var readiness = operation.OperationId is "Readiness" or "ReadinessAlias" && expected == HttpStatusCode.OK;
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            using var request = new HttpRequestMessage(new HttpMethod(operation.Method), url);
            if (operation.Method is "POST" && body is not null)
            {
                request.Content = operation.MediaType is { } bodyType and not "application/json" ? new StringContent(body, Encoding.UTF8, bodyType) : Json(body);
            }

            var response = await fixture.Host.Client(key).SendAsync(request, Ct);
            if (!readiness || response.StatusCode != HttpStatusCode.ServiceUnavailable || DateTimeOffset.UtcNow > deadline)
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(TimeSpan.FromMilliseconds(500), Ct);
        }
    }

    /// <summary>A request the operation must refuse with 400: a malformed id in the path, else a malformed required query value.</summary>
    private static string? BadInput(Operation operation, Dictionary<string, string> values)
    {
        if (operation.Parameters.FirstOrDefault(p => p.In == "path" && p.Pattern is not null) is { } pathParameter)
        {
            return Url(operation, values, bad: pathParameter.Name);
        }

        return operation.Parameters.FirstOrDefault(p => p.In == "query" && p.Required) is { } queryParameter
            ? Url(operation, values, bad: queryParameter.Name)
            : null;
    }

    private static string Url(Operation operation, Dictionary<string, string> values, string? bad)
    {
        var path = operation.Path;
        var query = new List<string>();
        foreach (var parameter in operation.Parameters)
        {
            var value = parameter.Name == bad ? "bad'id or 1 eq 1" : values.GetValueOrDefault(parameter.Name) ?? parameter.Example;
            if (parameter.In == "path")
            {
                path = path.Replace("{" + parameter.Name + "}", Uri.EscapeDataString(value!), StringComparison.Ordinal);
            }
            else if (parameter.Required || parameter.Name == bad)
            {
                query.Add($"{parameter.Name}={Uri.EscapeDataString(value!)}");
            }
        }

        return path + (query.Count > 0 ? "?" + string.Join('&', query) : "?");
    }

    private async Task<JsonNode> DocumentAsync()
    {
        using var response = await fixture.Host.Client(TestKeys.Producer).GetAsync("/api/openapi.json", Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
    }

    private static List<Operation> Operations(JsonNode document)
    {
        var operations = new List<Operation>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, node) in item!.AsObject())
            {
                var roles = node!["x-roles"]?.AsArray().Select(r => r!.GetValue<string>()).ToList();
                var parameters = (node["parameters"]?.AsArray() ?? []).Select(p => new Parameter(
                    p!["name"]!.GetValue<string>(),
                    p["in"]!.GetValue<string>(),
                    p["required"]!.GetValue<bool>(),
                    p["schema"]?["pattern"]?.GetValue<string>(),
                    p["example"]?.GetValue<string>())).ToList();
                var responses = node["responses"]!.AsObject().ToDictionary(
                    r => int.Parse(r.Key, System.Globalization.CultureInfo.InvariantCulture),
                    r => r.Value!["content"]!.AsObject().Select(c => c.Key).ToList());
                var (mediaType, media) = node["requestBody"]?["content"]?.AsObject().FirstOrDefault() ?? default;
                var example = mediaType is null or "application/json" ? media?["example"]?.ToJsonString() : media?["example"]?.GetValue<string>();
                operations.Add(new Operation(method.ToUpperInvariant(), path, node["operationId"]!.GetValue<string>(), roles, parameters, responses, example, mediaType));
            }
        }

        return operations;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private sealed record Parameter(string Name, string In, bool Required, string? Pattern, string? Example);

    private sealed record Operation(string Method, string Path, string OperationId, List<string>? Roles, List<Parameter> Parameters, Dictionary<int, List<string>> Responses, string? RequestExample, string? MediaType = null);
}
