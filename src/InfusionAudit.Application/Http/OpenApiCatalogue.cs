using System.Text.Json.Nodes;
using InfusionAudit.Application.Audit;
using InfusionAudit.Application.Security;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Application.Sessions;

namespace InfusionAudit.Application.Http;

/// <summary>
/// Every HTTP route of both hosts, as documented in <c>/api/openapi.json</c>. A route added to a host and not here
/// fails the contract test (tests/InfusionAudit.Integration.Tests/Audit/OpenApiContractTests.cs).
/// </summary>
public static class OpenApiCatalogue
{
    public const string Json = "application/json";
    public const string Problem = "application/problem+json";
    public const string Csv = CsvResult.MediaType;

    public static IReadOnlyList<OpenApiOperation> Operations { get; } = Build();

    private static List<OpenApiOperation> Build()
    {
        var sessionId = Path("sessionId", "A session id (contract id syntax).", "S-example");
        var clinicId = Path("clinicId", "A clinic id (contract id syntax).", "abq-01");
        var sessionClinic = Query(SessionClinic.ClinicIdName, false, IdSchema(), "The session's clinic: a session is a clinic's session id. Optional when exactly one clinic has a session with this id; without it, several clinics answer 409.", "abq-01");
        var alertId = new OpenApiParameter("alertId", "path", true, new JsonObject { ["type"] = "string", ["maxLength"] = 512 }, "An alert id (from a list, a notification or a session time line).", "example-alert");
        OpenApiParameter[] range =
        [
            Query("from", true, Date(), "First session/detection/receive day (UTC), YYYY-MM-DD.", "2026-03-01"),
            Query("to", true, Date(), $"Last day (UTC), inclusive; at most {DateRange.MaxDays} days after 'from'.", "2026-03-31"),
        ];
        OpenApiParameter[] paging =
        [
            Query(AuditParameters.PageSizeName, false, new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = AuditParameters.MaxPageSize, ["default"] = AuditParameters.DefaultPageSize }, "Rows per page."),
            Query(AuditParameters.ContinuationTokenName, false, new JsonObject { ["type"] = "string", ["maxLength"] = 4096 }, "The token of the previous page, unchanged; only valid with the same path and filters."),
            Query(AuditParameters.FormatName, false, Enum("json", "csv"), "json (default) or csv; Accept: text/csv works too. CSV carries the next token in the X-Continuation-Token header."),
        ];
        var severity = Enum("info", "warning", "critical");

        return
        [
            new("GET", "/health", "HealthAlias", "Liveness and loaded protocols (local host alias of /api/health).", null, [],
                [Ok("Up.", "Health")], LocalHostOnly: true),
            new("GET", "/api/health", "Health", "Liveness and loaded protocols. Anonymous, like readiness.", null, [],
                [Ok("Up.", "Health")]),
            new("GET", "/health/ready", "ReadinessAlias", "Readiness (local host alias of /api/health/ready).", null, [],
                [Ok("Ready: every check ok.", "Readiness"), new(503, "Not ready: a check failed; the body says which.", new Dictionary<string, string?> { [Json] = "Readiness" })], LocalHostOnly: true),
            new("GET", "/api/health/ready", "Readiness", "Readiness: the storage tables, the event queue and its poison queue, and each configured alert transport answer, each within 2 s. Anonymous.", null, [],
                [Ok("Ready: every check ok.", "Readiness"), new(503, "Not ready: a check failed; the body says which.", new Dictionary<string, string?> { [Json] = "Readiness" })]),
            new("GET", "/api/openapi.json", "OpenApi", "This document.", [CallerRole.Producer, CallerRole.OnCall, CallerRole.Auditor], [],
                [Ok("The OpenAPI document.", null), .. Denials()]),
            new("POST", "/api/events", "PostEvents", "Device events: one event or an array of up to 100 (docs/event-contract.md).", [CallerRole.Producer], [],
                [
                    new(202, "A result per event, in request order.", new Dictionary<string, string?> { [Json] = "EventsResponse" }),
                    Bad("The body is not JSON."),
                    .. Denials(),
                    new(413, "Above 100 events or the size limit.", new Dictionary<string, string?> { [Problem] = "Problem" }),
                ],
                RequestBody: "DeviceEvents",
                RequestExample: """{"schemaVersion":1,"eventId":"openapi-example-e0","type":"VitalsRecorded","sessionId":"openapi-example","clinicId":"openapi-clinic","deviceId":"mon-1","sequence":0,"occurredAt":"2026-03-01T10:00:00Z","payload":{"systolicMmHg":120,"diastolicMmHg":75,"heartRateBpm":72}}"""),
            new("GET", SessionsEndpoint.Route, "GetSession", "One session: state, a page of its events in sequence order, findings. Access-logged.", [CallerRole.Auditor, CallerRole.OnCall],
                [
                    sessionId,
                    sessionClinic,
                    Query(SessionsEndpoint.EventsFromName, false, new JsonObject { ["type"] = "integer", ["format"] = "int64", ["minimum"] = 0 }, "Lowest sequence number of the events to return; default 0. The answer's nextEventsFrom asks for the next page."),
                    Query(SessionsEndpoint.EventsLimitName, false, new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = SessionQueryHandler.MaxEventsLimit }, $"Events per page, 1–{SessionQueryHandler.MaxEventsLimit}; default {SessionQueryHandler.DefaultEventsLimit}. A page ends at a sequence boundary."),
                ],
                [Ok("The session.", "SessionDocument"), Bad("Malformed id or paging parameter."), .. Denials(), NotFound(), AmbiguousSession(), LogDown()]),
            new("GET", ReplayEndpoint.Route, "ReplaySession", "The session judged again against a protocol version, beside the stored findings. Access-logged.", [CallerRole.Auditor],
                [sessionId, sessionClinic, Query("protocolVersion", false, new JsonObject { ["type"] = "integer", ["minimum"] = 1 }, "Protocol version to judge against; default: the version stored.")],
                [Ok("The replay.", "ReplayReport"), Bad("Malformed id or version."), .. Denials(), NotFound(), AmbiguousSession(), LogDown()]),
            new("GET", AuditSessionTimelineEndpoint.Route, "GetSessionTimeline", "One session's events, findings and alert changes on one time line, with its findings and alerts. Access-logged.", [CallerRole.Auditor, CallerRole.OnCall], [sessionId, sessionClinic],
                [Ok("The time line.", "SessionAuditTimeline"), Bad("Malformed id."), .. Denials(), NotFound(), AmbiguousSession(), LogDown()]),
            new("GET", "/api/diagnostics/counters", "DiagnosticsCounters", "Pipeline and storage request counters of this host process.", [CallerRole.Auditor], [],
                [Ok("The counters.", "PipelineCounterSnapshot"), .. Denials()]),
            new("GET", AuditClinicSessionsEndpoint.Route, "ListClinicSessions", "Sessions of a clinic by session date (UTC day of the start). Access-logged.", [CallerRole.Auditor],
                [
                    clinicId, .. range,
                    Query("status", false, Enum([.. AuditVocabulary.Statuses.Keys]), "Only sessions in this status."),
                    Query("protocolId", false, new JsonObject { ["type"] = "string", ["pattern"] = "^[A-Za-z0-9._:-]{1,64}$" }, "Only sessions of this protocol."),
                    Query("minSeverity", false, severity, "Only sessions with an active finding of at least this severity."),
                    .. paging,
                ],
                [Page("A page of sessions.", "ClinicSessionPage"), Bad("A parameter is invalid; the problem names it."), .. Denials(), LogDown()]),
            new("GET", AuditClinicFindingsEndpoint.Route, "ListClinicFindings", "Findings of a clinic by detection time. Access-logged.", [CallerRole.Auditor],
                [
                    clinicId, .. range,
                    Query("ruleId", false, Enum([.. RuleIds.All]), "Only this rule."),
                    Query("severity", false, severity, "Only this severity."),
                    Query("minSeverity", false, severity, "Only findings of at least this severity."),
                    Query("includeRetracted", false, new JsonObject { ["type"] = "boolean", ["default"] = false }, "Also findings that later evidence withdrew."),
                    .. paging,
                ],
                [Page("A page of findings.", "ClinicFindingPage"), Bad("A parameter is invalid; the problem names it."), .. Denials(), LogDown()]),
            new("GET", AuditRejectedEndpoint.Route, "ListClinicRejected", "Input of a clinic that the contract refused, by receive day. Access-logged.", [CallerRole.Auditor],
                [clinicId, .. range, .. paging],
                [Page("A page of rejected input.", "RejectedEventPage"), Bad("A parameter is invalid; the problem names it."), .. Denials(), LogDown()]),
            new("GET", AuditComplianceReportEndpoint.Route, "GetComplianceReport", "Compliance report of a clinic over session dates (docs/audit-api.md defines each figure). Access-logged.", [CallerRole.Auditor],
                [clinicId, .. range],
                [Ok("The report.", "ComplianceReport"), Bad("A parameter is invalid; the problem names it."), .. Denials(), LogDown()]),
            new("GET", AuditAccessLogEndpoint.Route, "ListAccessLog", "Who read audit data on a UTC day. Admin only; reading it is logged too.", [],
                [Query("date", true, Date(), "The UTC day, YYYY-MM-DD.", "2026-03-01"), .. paging],
                [Page("A page of access log entries.", "AccessLogPage"), Bad("A parameter is invalid; the problem names it."), .. Denials(), LogDown()]),
            new("GET", "/api/alerts", "ListAlerts", "Alerts of a clinic, newest first, optionally in one state. Access-logged.", [CallerRole.OnCall, CallerRole.Auditor],
                [
                    Query("clinicId", true, IdSchema(), "The clinic.", "abq-01"),
                    Query("state", false, Enum("open", "acknowledged", "resolved"), "Only alerts in this state."),
                    .. AlertPaging("Alerts per page."),
                ],
                [Ok("A page of alerts.", "AlertList"), Bad("A parameter is invalid; the problem names it."), .. Denials(), LogDown()]),
            new("GET", "/api/alerts/{alertId}", "GetAlert", "One alert with its history and notifications. Access-logged.", [CallerRole.OnCall, CallerRole.Auditor], [alertId],
                [Ok("The alert.", "AlertView"), .. Denials(), NotFound("No such alert."), LogDown()]),
            new("POST", "/api/alerts/{alertId}/acknowledge", "AcknowledgeAlert", "A person takes the alert on; it stops escalating.", [CallerRole.OnCall], [alertId],
                [Ok("The alert after the change.", "AlertView"), Bad("The body is not the documented object."), .. Denials(), NotFound("No such alert."), Conflict()],
                RequestBody: "AlertActionRequest", RequestExample: """{"by":"Dr. Example","note":"on my way"}""", OptionalBody: true),
            new("POST", "/api/alerts/{alertId}/resolve", "ResolveAlert", "Closes the alert.", [CallerRole.OnCall], [alertId],
                [Ok("The alert after the change.", "AlertView"), Bad("The body is not the documented object."), .. Denials(), NotFound("No such alert."), Conflict()],
                RequestBody: "AlertActionRequest", RequestExample: """{"by":"Dr. Example","reason":"infusion stopped, patient stable"}""", OptionalBody: true),
            new("GET", "/api/silences", "ListSilences", "Silences (maintenance windows), newest first; expired ones stay listed for auditors. Access-logged.", [CallerRole.Auditor],
                [
                    Query("clinicId", false, IdSchema(), "Only this clinic's silences."),
                    .. AlertPaging("Silences per page."),
                ],
                [Ok("A page of silences.", "SilencePage"), Bad("A parameter is invalid; the problem names it."), .. Denials(), LogDown()]),
            new("POST", "/api/silences", "CreateSilence", "Silences a clinic or one of its devices for at most 7 days (admin).", [], [],
                [new(201, "The silence.", new Dictionary<string, string?> { [Json] = "Silence" }), Bad("The body is invalid; the problem names the field."), .. Denials()],
                RequestBody: "SilenceRequest", RequestExample: """{"clinicId":"abq-01","endsAt":"2026-03-01T12:00:00Z","reason":"pump maintenance"}"""),
            new("DELETE", "/api/silences/{silenceId}", "ExpireSilence", "Ends a silence now; the record stays (admin).", [],
                [new("silenceId", "path", true, new JsonObject { ["type"] = "string", ["pattern"] = "^[A-Za-z0-9-]{1,64}$" }, "The silence.", "example-silence")],
                [Ok("The silence, expired.", "Silence"), Bad("Malformed id."), .. Denials(), NotFound("No such silence.")]),
        ];
    }

    private static OpenApiParameter[] AlertPaging(string pageSizeDescription) =>
    [
        Query(AlertListPaging.PageSizeName, false, new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = AlertListPaging.MaxPageSize, ["default"] = AlertListPaging.DefaultPageSize }, pageSizeDescription),
        Query(AlertListPaging.ContinuationTokenName, false, new JsonObject { ["type"] = "string" }, "The token of the previous page."),
    ];

    private static OpenApiParameter Path(string name, string description, string example) =>
        new(name, "path", true, IdSchema(), description, example);

    private static JsonObject IdSchema() => new() { ["type"] = "string", ["pattern"] = "^[A-Za-z0-9._:-]{1,64}$" };

    private static OpenApiParameter Query(string name, bool required, JsonObject schema, string description, string? example = null) =>
        new(name, "query", required, schema, description, example);

    private static JsonObject Date() => new() { ["type"] = "string", ["format"] = "date" };

    private static JsonObject Enum(params string[] values) => new() { ["type"] = "string", ["enum"] = new JsonArray([.. values.Select(v => (JsonNode)v)]) };

    private static OpenApiResponse Ok(string description, string? schema) => new(200, description, new Dictionary<string, string?> { [Json] = schema });

    private static OpenApiResponse Page(string description, string schema) =>
        new(200, description, new Dictionary<string, string?> { [Json] = schema, [Csv] = null });

    private static OpenApiResponse Bad(string description) => new(400, description, new Dictionary<string, string?> { [Problem] = "Problem" });

    private static OpenApiResponse NotFound(string description = "No such session.") => new(404, description, new Dictionary<string, string?> { [Problem] = "Problem" });

    private static OpenApiResponse AmbiguousSession() => new(409, "Several clinics have a session with this id and no clinicId was given; the problem lists them in clinicIds.", new Dictionary<string, string?> { [Problem] = "Problem" });

    private static OpenApiResponse Conflict() => new(409, "The alert is already resolved.", new Dictionary<string, string?> { [Problem] = "Problem" });

    private static OpenApiResponse LogDown() => new(503, "The access log could not be written, so nothing was read.", new Dictionary<string, string?> { [Problem] = "Problem" });

    private static OpenApiResponse[] Denials() =>
    [
        new(401, "No key (or App Service principal), or an unknown one.", new Dictionary<string, string?> { [Problem] = "Problem" }),
        new(403, "The key's role may not use this route.", new Dictionary<string, string?> { [Problem] = "Problem" }),
    ];
}
