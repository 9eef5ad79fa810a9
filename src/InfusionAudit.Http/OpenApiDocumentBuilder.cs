using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using InfusionAudit.Application;
using InfusionAudit.Application.Alerts;
using InfusionAudit.Application.Audit;
using InfusionAudit.Application.Diagnostics;
using InfusionAudit.Application.Replay;
using InfusionAudit.Application.Security;
using InfusionAudit.Application.Sessions;
using InfusionAudit.Domain.Alerts;
using InfusionAudit.Http.Audit;
using InfusionAudit.Http.Security;

namespace InfusionAudit.Http;

/// <summary>
/// Writes the OpenAPI 3.1 document from <see cref="RouteTable"/>: paths, methods, roles and answers come from the
/// routes, the 401 and 403 answers of every route with roles and the 503 of every access-logged one included.
/// Response schemas are exported from the very records the endpoints serialise (System.Text.Json's schema exporter
/// with the API's JSON options), so the document cannot drift from the answers.
/// </summary>
public static class OpenApiDocumentBuilder
{
    public const string ApiKeyScheme = "functionKey";
    public const string Json = "application/json";
    public const string Problem = "application/problem+json";
    public const string Csv = CsvResult.MediaType;

    private static readonly Dictionary<string, Type> ExportedSchemas = new(StringComparer.Ordinal)
    {
        ["EventsResponse"] = typeof(EventsResponse),
        ["SessionDocument"] = typeof(SessionDocument),
        ["ReplayReport"] = typeof(ReplayReport),
        ["PipelineCounterSnapshot"] = typeof(PipelineCounterSnapshot),
        ["ClinicSessionPage"] = typeof(AuditPage<ClinicSessionDocument>),
        ["ClinicFindingPage"] = typeof(AuditPage<ClinicFindingDocument>),
        ["RejectedEventPage"] = typeof(AuditPage<RejectedEventDocument>),
        ["AccessLogPage"] = typeof(AuditPage<AccessLogEntryDocument>),
        ["ComplianceReport"] = typeof(ComplianceReport),
        ["SessionAuditTimeline"] = typeof(SessionAuditTimeline),
        ["RemsMonitoringForm"] = typeof(InfusionAudit.Domain.Rems.RemsMonitoringForm),
        ["RemsFormList"] = typeof(RemsFormList),
        ["PatientCourse"] = typeof(PatientCourse),
        ["AlertList"] = typeof(AlertList),
        ["AlertView"] = typeof(AlertView),
        ["AlertActionRequest"] = typeof(AlertActionRequest),
        ["Silence"] = typeof(Silence),
        ["SilenceRequest"] = typeof(SilenceRequest),
        ["ProtocolVersion"] = typeof(InfusionAudit.Http.Protocols.ProtocolVersionView),
    };

    public static JsonObject Build(string version = "1.0.0")
    {
        var paths = new JsonObject();
        foreach (var group in RouteTable.All.GroupBy(o => o.Template, StringComparer.Ordinal))
        {
            var item = new JsonObject();
            foreach (var operation in group)
            {
                item[operation.Method.ToLowerInvariant()] = Operation(operation);
            }

            // A catch-all ({*path}) is a plain path parameter in OpenAPI.
            paths[group.Key.Replace("{*", "{", StringComparison.Ordinal)] = item;
        }

        return new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject
            {
                ["title"] = "InfusionAudit",
                ["version"] = version,
                ["description"] =
                    "Audits ketamine and esketamine treatment sessions. Every route but health needs a key in the " +
                    "x-functions-key header (keys per role: InfusionAudit:Keys:Producer|OnCall|Auditor|Admin), or, where " +
                    "InfusionAudit:AppServiceAuth:Enabled is set behind App Service authentication, an Entra ID user whose " +
                    "app roles map to those roles. Admin may use every route. Errors are RFC 9457 problems " +
                    "(application/problem+json) naming the offending parameter. See docs/audit-api.md.",
            },
            ["servers"] = new JsonArray(new JsonObject { ["url"] = "/" }),
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["securitySchemes"] = new JsonObject
                {
                    [ApiKeyScheme] = new JsonObject
                    {
                        ["type"] = "apiKey",
                        ["in"] = "header",
                        ["name"] = ApiKeyAuthenticator.HeaderName,
                        ["description"] = "A key of one role (producer, onCall, auditor, admin).",
                    },
                },
                ["schemas"] = Schemas(),
            },
        };
    }

    /// <summary>An answer with a problem body (RFC 9457).</summary>
    public static OpenApiResponse ProblemResponse(int status, string description) =>
        new(status, description, new Dictionary<string, string?> { [Problem] = "Problem" });

    /// <summary>The route's own answers and those its checks add, by status.</summary>
    private static IEnumerable<OpenApiResponse> Responses(HttpRoute route)
    {
        IEnumerable<OpenApiResponse> responses = route.Responses;
        if (route.Roles is not null)
        {
            responses = responses.Append(ProblemResponse(401, "No key (or App Service principal), or an unknown one."))
                .Append(ProblemResponse(403, "The key's role may not use this route."));
        }

        if (route.AccessLogged)
        {
            responses = responses.Append(ProblemResponse(503, "The access log could not be written, so nothing was read."));
        }

        return responses.OrderBy(r => r.Status);
    }

    private static JsonObject Operation(HttpRoute operation)
    {
        var node = new JsonObject
        {
            ["operationId"] = operation.Name,
            ["summary"] = operation.Summary,
        };
        if (operation.Roles is { } roles)
        {
            node["security"] = new JsonArray(new JsonObject { [ApiKeyScheme] = new JsonArray() });
            node["x-roles"] = new JsonArray([.. roles.Append(CallerRole.Admin).Distinct().Select(r => (JsonNode)JsonNamingPolicy.CamelCase.ConvertName(r.ToString()))]);
        }
        else
        {
            node["security"] = new JsonArray(new JsonObject());
        }

        if (operation.LocalHostOnly)
        {
            node["x-local-host-only"] = true;
        }

        if (operation.Parameters.Count > 0)
        {
            node["parameters"] = new JsonArray([.. operation.Parameters.Select(Parameter)]);
        }

        if (operation.RequestBody is { } body)
        {
            var media = new JsonObject { ["schema"] = Ref(body) };
            if (operation.RequestExample is { } example)
            {
                media["example"] = JsonNode.Parse(example);
            }

            node["requestBody"] = new JsonObject { ["required"] = !operation.OptionalBody, ["content"] = new JsonObject { [Json] = media } };
        }
        else if (operation.RequestMediaType is { } mediaType)
        {
            var media = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string" } };
            if (operation.RequestExample is { } example)
            {
                media["example"] = example;
            }

            node["requestBody"] = new JsonObject { ["required"] = !operation.OptionalBody, ["content"] = new JsonObject { [mediaType] = media } };
        }

        var responses = new JsonObject();
        foreach (var response in Responses(operation))
        {
            var content = new JsonObject();
            foreach (var (mediaType, schema) in response.Content)
            {
                content[mediaType] = schema is null ? new JsonObject { ["schema"] = new JsonObject { ["type"] = "string" } } : new JsonObject { ["schema"] = Ref(schema) };
            }

            var answer = new JsonObject { ["description"] = response.Description, ["content"] = content };
            if (response.Content.ContainsKey(Csv))
            {
                answer["headers"] = new JsonObject
                {
                    [CsvResult.ContinuationHeader] = new JsonObject
                    {
                        ["description"] = "CSV only: the continuation token of the next page, absent on the last.",
                        ["schema"] = new JsonObject { ["type"] = "string" },
                    },
                };
            }

            responses[response.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = answer;
        }

        node["responses"] = responses;
        return node;
    }

    private static JsonObject Parameter(OpenApiParameter parameter)
    {
        var node = new JsonObject
        {
            ["name"] = parameter.Name,
            ["in"] = parameter.In,
            ["required"] = parameter.Required,
            ["description"] = parameter.Description,
            ["schema"] = parameter.Schema.DeepClone(),
        };
        if (parameter.Example is { } example)
        {
            node["example"] = example;
        }

        return node;
    }

    private static JsonObject Ref(string schema) => new() { ["$ref"] = $"#/components/schemas/{schema}" };

    private static JsonObject Schemas()
    {
        var schemas = new JsonObject
        {
            ["Problem"] = new JsonObject
            {
                ["type"] = "object",
                ["description"] = "RFC 9457 problem details; 400 answers name the parameter in 'parameter'.",
                ["properties"] = new JsonObject
                {
                    ["type"] = new JsonObject { ["type"] = "string" },
                    ["title"] = new JsonObject { ["type"] = "string" },
                    ["status"] = new JsonObject { ["type"] = "integer" },
                    ["detail"] = new JsonObject { ["type"] = "string" },
                    ["parameter"] = new JsonObject { ["type"] = "string" },
                },
                ["required"] = new JsonArray("title", "status"),
            },
            ["Health"] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject
                {
                    ["status"] = new JsonObject { ["type"] = "string" },
                    ["protocols"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } },
                },
            },
            ["Readiness"] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject
                {
                    ["status"] = new JsonObject { ["enum"] = new JsonArray("ready", "not-ready") },
                    ["checks"] = new JsonObject
                    {
                        ["type"] = "array",
                        ["items"] = new JsonObject
                        {
                            ["type"] = "object",
                            ["properties"] = new JsonObject
                            {
                                ["name"] = new JsonObject { ["type"] = "string", ["description"] = "tables, queue:<name>, alerts:<transport>" },
                                ["status"] = new JsonObject { ["enum"] = new JsonArray("ok", "failed") },
                                ["durationMs"] = new JsonObject { ["type"] = "integer" },
                                ["error"] = new JsonObject { ["type"] = new JsonArray("string", "null") },
                            },
                        },
                    },
                },
                ["required"] = new JsonArray("status", "checks"),
            },
            ["SilencePage"] = new JsonObject
            {
                ["type"] = "object",
                ["properties"] = new JsonObject
                {
                    ["items"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["$ref"] = "#/components/schemas/Silence" } },
                    ["continuationToken"] = new JsonObject { ["type"] = new JsonArray("string", "null") },
                },
            },
            ["DeviceEvents"] = new JsonObject
            {
                ["description"] = "One device event or an array of up to 100 (JSON Schema: src/InfusionAudit.Domain/Contract/device-event.v1.schema.json).",
                ["oneOf"] = new JsonArray(
                    new JsonObject { ["type"] = "object" },
                    new JsonObject { ["type"] = "array", ["maxItems"] = 100, ["items"] = new JsonObject { ["type"] = "object" } }),
            },
        };
        var exporter = new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true };
        foreach (var (name, type) in ExportedSchemas)
        {
            var schema = JsonSchemaExporter.GetJsonSchemaAsNode(JsonDefaults.Options, type, exporter);
            schemas[name] = Embed(schema, $"#/components/schemas/{name}");
        }

        return schemas;
    }

    /// <summary>
    /// Makes an exported schema valid inside the document: its own references (<c>#/properties/…</c>, relative to the
    /// schema) are re-rooted at its place among the components, and boolean <c>true</c> schemas (any JSON value, as
    /// exported for <see cref="JsonElement"/>) become the equivalent empty schema, which more OpenAPI tools read.
    /// </summary>
    private static JsonNode Embed(JsonNode node, string root)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    if (key == "$ref" && value is JsonValue reference && reference.GetValue<string>() is { } target && target.StartsWith('#'))
                    {
                        obj[key] = root + target[1..];
                    }
                    else if (value is not null && key is not ("enum" or "const" or "default" or "required" or "example" or "uniqueItems" or "readOnly" or "writeOnly" or "deprecated"))
                    {
                        obj[key] = Embed(value.DeepClone(), root);
                    }
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is { } item)
                    {
                        array[i] = Embed(item.DeepClone(), root);
                    }
                }

                return array;
            case JsonValue value when value.GetValueKind() == JsonValueKind.True:
                return new JsonObject();
            default:
                return node;
        }
    }
}
