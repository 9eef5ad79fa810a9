using System.Text.Json.Nodes;
using InfusionAudit.Application.Audit;
using InfusionAudit.Application.Security;
using InfusionAudit.Application.Sessions;
using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Http.Audit;
using InfusionAudit.Http.Protocols;
using InfusionAudit.Http.Security;
using InfusionAudit.Http.WebConsole;
using Microsoft.AspNetCore.Http;

namespace InfusionAudit.Http;

/// <summary>
/// Every HTTP route of both hosts, declared once: method, template, roles, whether it is access-logged, the endpoint
/// that handles it and what the OpenAPI document says of it. The local host maps <see cref="All"/>
/// (<c>LocalHostSetup.MapInfusionAuditRoutes</c>), the <see cref="RouteDispatcher"/> checks each route's roles, the
/// OpenAPI document is written from it (<see cref="OpenApiDocumentBuilder"/>), and the Functions app's trigger
/// attributes are held to it by a test (tests/InfusionAudit.Functions.Tests/HttpFunctionRouteTests.cs).
/// </summary>
public static class RouteTable
{
    // Shared parameters first: static fields initialise in declaration order.
    private static readonly OpenApiParameter SessionIdParameter = PathId("sessionId", "A session id (contract id syntax).", "S-example");
    private static readonly OpenApiParameter ClinicIdParameter = PathId("clinicId", "A clinic id (contract id syntax).", "abq-01");
    private static readonly OpenApiParameter SessionClinicParameter = Query(SessionClinic.ClinicIdName, false, IdSchema(), "The session's clinic: a session is a clinic's session id. Optional when exactly one clinic has a session with this id; without it, several clinics answer 409.", "abq-01");
    private static readonly OpenApiParameter FindingsFromParameter = Query(SessionsEndpoint.FindingsFromName, false, new JsonObject { ["type"] = "integer", ["minimum"] = 0 }, "Position of the first finding to return, in detection order; default 0. The answer's nextFindingsFrom asks for the next page.");
    private static readonly OpenApiParameter FindingsLimitParameter = Query(SessionsEndpoint.FindingsLimitName, false, new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = SessionQueryHandler.MaxFindingsLimit }, $"Findings per page, 1–{SessionQueryHandler.MaxFindingsLimit}; default {SessionQueryHandler.DefaultFindingsLimit}.");
    private static readonly OpenApiParameter AlertIdParameter = new("alertId", "path", true, new JsonObject { ["type"] = "string", ["maxLength"] = 512 }, "An alert id (from a list, a notification or a session time line).", "example-alert");
    private static readonly OpenApiParameter[] DateRangeParameters =
    [
        Query("from", true, Date(), "First clinical day, YYYY-MM-DD: a session's date is its clinic's local start date (the clinic's configured time zone); its findings, alerts and rejected input share it.", "2026-03-01"),
        Query("to", true, Date(), $"Last clinical day, inclusive; at most {DateRange.MaxDays} days after 'from'.", "2026-03-31"),
    ];

    private static readonly OpenApiParameter[] ReceivedParameters =
    [
        Query(AuditParameters.ReceivedFromName, false, new JsonObject { ["type"] = "string", ["format"] = "date-time" }, "Second filter: received (or detected) at or after this instant, RFC 3339 with an offset.", "2026-03-01T00:00:00Z"),
        Query(AuditParameters.ReceivedToName, false, new JsonObject { ["type"] = "string", ["format"] = "date-time" }, "Second filter: received (or detected) before this instant, RFC 3339 with an offset.", "2026-04-01T00:00:00Z"),
    ];

    private static readonly OpenApiParameter[] AuditPagingParameters =
    [
        Query(AuditParameters.PageSizeName, false, new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = AuditParameters.MaxPageSize, ["default"] = AuditParameters.DefaultPageSize }, "Rows per page."),
        Query(AuditParameters.ContinuationTokenName, false, new JsonObject { ["type"] = "string", ["maxLength"] = 4096 }, "The token of the previous page, unchanged; only valid with the same path and filters."),
        Query(AuditParameters.FormatName, false, Enum("json", "csv"), "json (default) or csv; Accept: text/csv works too. CSV carries the next token in the X-Continuation-Token header."),
    ];

    public static readonly HttpRoute HealthAlias = new(
        "GET", "/health", "HealthAlias", "Liveness and loaded protocols (local host alias of /api/health).",
        Roles: null, AccessLogged: false, Answer<HealthEndpoint>((e, _) => e.Get()),
        [], [Ok("Up.", "Health")], LocalHostOnly: true);

    public static readonly HttpRoute Health = new(
        "GET", "/api/health", "Health", "Liveness and loaded protocols. Anonymous, like readiness.",
        Roles: null, AccessLogged: false, Answer<HealthEndpoint>((e, _) => e.Get()),
        [], [Ok("Up.", "Health")]);

    public static readonly HttpRoute ReadinessAlias = new(
        "GET", "/health/ready", "ReadinessAlias", "Readiness (local host alias of /api/health/ready).",
        Roles: null, AccessLogged: false, Answer<ReadinessEndpoint>((e, call) => e.GetAsync(call.CancellationToken)),
        [], ReadinessAnswers(), LocalHostOnly: true);

    public static readonly HttpRoute Readiness = new(
        "GET", "/api/health/ready", "Readiness", "Readiness: the storage tables, the event queue and its poison queue, and each configured alert transport answer, each within 2 s. Anonymous.",
        Roles: null, AccessLogged: false, Answer<ReadinessEndpoint>((e, call) => e.GetAsync(call.CancellationToken)),
        [], ReadinessAnswers());

    public static readonly HttpRoute Console = new(
        "GET", "/api/console/{*path}", "Console", "The web console's static files (HTML, ES modules, CSS, the vendored chart library), anonymous like health: the page signs in with a key or Entra ID and every API call it makes is checked as any other. Sent with a content security policy without 'unsafe-inline', nosniff, no referrer, frame DENY and no-cache. /api/console redirects to /api/console/ (index.html).",
        Roles: null, AccessLogged: false, Answer<ConsoleEndpoint>((e, call) => e.Get(call.Request, call.Value("path"))),
        [new("path", "path", true, new JsonObject { ["type"] = "string" }, "A file of the console, e.g. js/main.js; empty for index.html. Only plain relative names: '..', hidden files, backslashes and encoded separators answer 404.", "index.html")],
        [
            new(200, "The file.", new Dictionary<string, string?> { ["text/html"] = null, ["text/javascript"] = null, ["text/css"] = null, ["image/svg+xml"] = null, ["image/png"] = null }),
            new(301, "The console folder without its slash: Location is /api/console/.", new Dictionary<string, string?>()),
            NotFound("No such console file."),
        ]);

    public static readonly HttpRoute OpenApi = new(
        "GET", "/api/openapi.json", "OpenApi", "This document.",
        [CallerRole.Producer, CallerRole.OnCall, CallerRole.Auditor], AccessLogged: false, _ => Task.FromResult(new AuditAnswer(OpenApiEndpoint.Get(), 0)),
        [], [Ok("The OpenAPI document.", null)]);

    public static readonly HttpRoute Me = new(
        "GET", "/api/me", "Me", "Who the request is signed in as: the person's name (Entra ID) or the key id, and the roles. The console signs in with it.",
        [CallerRole.Producer, CallerRole.OnCall, CallerRole.Auditor], AccessLogged: false, call => Task.FromResult(new AuditAnswer(MeEndpoint.Get(call.Authenticated), 0)),
        [], [Ok("The caller: name, keyId, via (key or entra) and roles.", null)]);

    public static readonly HttpRoute PostEvents = new(
        "POST", "/api/events", "PostEvents", "Device events: one event or an array of up to 100 (docs/event-contract.md).",
        [CallerRole.Producer], AccessLogged: false, Answer<EventsEndpoint>((e, call) => e.PostAsync(call.Request, call.Authenticated, call.CancellationToken)),
        [],
        [
            new(202, "A result per event, in request order.", new Dictionary<string, string?> { [OpenApiDocumentBuilder.Json] = "EventsResponse" }),
            Bad("The body is not JSON."),
            new(413, "Above 100 events or the size limit.", new Dictionary<string, string?> { [OpenApiDocumentBuilder.Problem] = "Problem" }),
        ],
        RequestBody: "DeviceEvents",
        RequestExample: """{"schemaVersion":1,"eventId":"openapi-example-e0","type":"VitalsRecorded","sessionId":"openapi-example","clinicId":"openapi-clinic","deviceId":"mon-1","sequence":0,"occurredAt":"2026-03-01T10:00:00Z","payload":{"systolicMmHg":120,"diastolicMmHg":75,"heartRateBpm":72}}""");

    public static readonly HttpRoute PostHl7v2 = new(
        "POST", "/api/hl7v2", "PostHl7v2", "HL7 v2 in: one IHE PCD-01 (ORU^R01) or PCD-10 (ORU^R42) message in ER7, or an MLLP-framed stream of them; answered with an HL7 ACK per message (docs/hl7v2.md).",
        [CallerRole.Producer], AccessLogged: false, Answer<Hl7v2Endpoint>((e, call) => e.PostAsync(call.Request, call.Authenticated, call.CancellationToken)),
        [],
        [
            new(200, "The HL7 ACK of each message (MSA-1 AA/AE/AR, or CA/CE/CR in enhanced mode), MLLP-framed when the request was.", new Dictionary<string, string?> { [Hl7v2Endpoint.MediaType] = null }),
            new(413, "Above the size limit.", new Dictionary<string, string?> { [OpenApiDocumentBuilder.Problem] = "Problem" }),
            new(415, "Not x-application/hl7-v2+er7 or text/plain.", new Dictionary<string, string?> { [OpenApiDocumentBuilder.Problem] = "Problem" }),
        ],
        RequestExample: "MSH|^~\\&|GW^0123456789ABCDEF^EUI-64|openapi-clinic|||20260301100000+0000||ORU^R01^ORU_R01|openapi-example-1|P|2.6|0\rPV1||I|||||||||||||||||openapi-example\rOBR|1|||182777000^monitoring of patient^SCT|||20260301100000+0000\rOBX|1||69965^MDC_DEV_MON_PHYSIO_MULTI_PARAM_MDS^MDC|1.0.0.0|||||||X|||||||mon-1\rOBX|2|NM|147842^MDC_ECG_CARD_BEAT_RATE^MDC|1.1.1.1|72|264864^MDC_DIM_BEAT_PER_MIN^MDC|||||R\r",
        RequestMediaType: Hl7v2Endpoint.MediaType);

    public static readonly HttpRoute GetSession = new(
        "GET", "/api/sessions/{sessionId}", "GetSession", "One session: state, a page of its events in sequence order, findings. Access-logged.",
        [CallerRole.Auditor, CallerRole.OnCall], AccessLogged: true, Read<SessionsEndpoint>((e, call) => e.GetAsync(call.Request, call.Value("sessionId"), call.CancellationToken)),
        [
            SessionIdParameter,
            SessionClinicParameter,
            Query(SessionsEndpoint.EventsFromName, false, new JsonObject { ["type"] = "integer", ["format"] = "int64", ["minimum"] = 0 }, "Lowest sequence number of the events to return; default 0. The answer's nextEventsFrom asks for the next page."),
            Query(SessionsEndpoint.EventsLimitName, false, new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = SessionQueryHandler.MaxEventsLimit }, $"Events per page, 1–{SessionQueryHandler.MaxEventsLimit}; default {SessionQueryHandler.DefaultEventsLimit}. A page ends at a sequence boundary."),
            FindingsFromParameter,
            FindingsLimitParameter,
        ],
        [Ok("The session.", "SessionDocument"), Bad("Malformed id or paging parameter."), NotFound(), AmbiguousSession()]);

    public static readonly HttpRoute ReplaySession = new(
        "GET", "/api/sessions/{sessionId}/replay", "ReplaySession", "The session judged again against a protocol version, beside the stored findings. Access-logged.",
        [CallerRole.Auditor], AccessLogged: true, Read<ReplayEndpoint>((e, call) => e.GetAsync(call.Request, call.Value("sessionId"), call.CancellationToken)),
        [SessionIdParameter, SessionClinicParameter, Query("protocolVersion", false, new JsonObject { ["type"] = "integer", ["minimum"] = 1 }, "Protocol version to judge against; default: the version stored.")],
        [Ok("The replay.", "ReplayReport"), Bad("Malformed id or version."), NotFound(), AmbiguousSession()]);

    public static readonly HttpRoute GetSessionTimeline = new(
        "GET", "/api/sessions/{sessionId}/timeline", "GetSessionTimeline", "One session's events, rejected input, findings and alert changes on one time line in the order they happened (occurredAt), with detection and receipt as columns, and its findings and alerts. Access-logged.",
        [CallerRole.Auditor, CallerRole.OnCall], AccessLogged: true, Read<AuditSessionTimelineEndpoint>((e, call) => e.GetAsync(call.Request, call.Value("sessionId"), call.CancellationToken)),
        [
            SessionIdParameter,
            SessionClinicParameter,
            Query(AuditSessionTimelineEndpoint.TimelineFromName, false, new JsonObject { ["type"] = "integer", ["minimum"] = 0 }, "Position of the first time line item to return; default 0. The answer's nextTimelineFrom asks for the next page."),
            Query(AuditSessionTimelineEndpoint.TimelineLimitName, false, new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = SessionTimelineHandler.MaxTimelineLimit }, $"Time line items per page, 1–{SessionTimelineHandler.MaxTimelineLimit}; default {SessionTimelineHandler.DefaultTimelineLimit}."),
            FindingsFromParameter,
            FindingsLimitParameter,
        ],
        [Ok("The time line.", "SessionAuditTimeline"), Bad("Malformed id or paging parameter."), NotFound(), AmbiguousSession()]);

    public static readonly HttpRoute GetSessionRemsForm = new(
        "GET", "/api/sessions/{sessionId}/rems-form", "GetSessionRemsForm", "The esketamine REMS Patient Monitoring Form of an intranasal esketamine session, filled from the record, with every field the record cannot fill listed in missing; JSON or a printable HTML page. Access-logged.",
        [CallerRole.Auditor], AccessLogged: true, Read<AuditRemsFormEndpoint>((e, call) => e.GetAsync(call.Request, call.Value("sessionId"), call.CancellationToken)),
        [
            SessionIdParameter,
            SessionClinicParameter,
            Query(AuditParameters.FormatName, false, Enum("json", AuditRemsFormEndpoint.Html), "json (default) or html (a printable page: no script, nothing loaded from elsewhere); Accept: text/html works too."),
        ],
        [
            new(200, "The form.", new Dictionary<string, string?> { [OpenApiDocumentBuilder.Json] = "RemsMonitoringForm", [HtmlResult.MediaType] = null }),
            Bad("Malformed id or format."),
            NotFound(),
            OpenApiDocumentBuilder.ProblemResponse(409, "The session is not an intranasal esketamine session (its protocol does not carry the form), or several clinics have a session with this id and no clinicId was given (the problem lists them in clinicIds)."),
        ]);

    public static readonly HttpRoute GetPatientCourse = new(
        "GET", "/api/patients/{patientHash}/course", "GetPatientCourse",
        "A patient's course of treatment: every session the identity scope links, oldest first (at most 200, the latest), with weight, prescribed and delivered dose (mg/kg, or mg for fixed-dose protocols), schedule phase (induction or maintenance where the protocol has an induction) and active findings; one summary per protocol. Access-logged.",
        [CallerRole.Auditor], AccessLogged: true, Read<PatientCourseEndpoint>((e, call) => e.GetAsync(call.Request, call.Value("patientHash"), call.CancellationToken)),
        [new("patientHash", "path", true, new JsonObject { ["type"] = "string", ["maxLength"] = 256, ["pattern"] = "^" + PatientHashRedaction.HashPatternText + "$" }, "The patient hash shown on a session document (state.patientRefHash), URL-encoded; never a clear patient reference.", "hmac-sha256:v1:clinic:k1:0000000000000000000000000000000000000000000000000000000000000000")],
        [Ok("The course.", "PatientCourse"), Bad("Not a patient hash."), NotFound("No session of this patient.")]);

    public static readonly HttpRoute DiagnosticsCounters = new(
        "GET", "/api/diagnostics/counters", "DiagnosticsCounters", "Pipeline and storage request counters of this host process, and how its session cache served writes (hits, reads from storage).",
        [CallerRole.Auditor], AccessLogged: false, Answer<DiagnosticsEndpoint>((e, _) => e.GetCounters()),
        [], [Ok("The counters.", "PipelineCounterSnapshot")]);

    public static readonly HttpRoute GetProtocolVersion = new(
        "GET", "/api/protocols/{protocolId}/versions/{version}", "GetProtocolVersion", "One protocol version as the rules judge with it: id, version, title, route, the effective dose limits (mg/kg or mg), rate limits (mg/kg/h) and vital-sign thresholds with defaults applied (units in the field names), and the protocol file as written. A session's state names the version it was judged against. Not access-logged: no patient data.",
        [CallerRole.Auditor, CallerRole.OnCall], AccessLogged: false, Answer<ProtocolsEndpoint>((e, call) => e.Get(call.Value("protocolId"), call.Value("version"))),
        [
            PathId("protocolId", "A protocol id (GET /api/health lists the loaded ones as id@vN).", "ketamine-iv-depression"),
            new("version", "path", true, new JsonObject { ["type"] = "integer", ["minimum"] = 1 }, "The protocol version, from 1.", "1"),
        ],
        [Ok("The protocol version.", "ProtocolVersion"), Bad("A malformed protocol id or version; the problem names it."), NotFound("No such protocol version.")]);

    public static readonly HttpRoute ListClinicSessions = new(
        "GET", "/api/clinics/{clinicId}/sessions", "ListClinicSessions", "Sessions of a clinic by clinical session date (the clinic's local date of the start); receivedFrom/receivedTo filter on the first event's receipt. Access-logged.",
        [CallerRole.Auditor], AccessLogged: true, Read<AuditClinicSessionsEndpoint>((e, call) => e.GetAsync(call.Request, call.Value("clinicId"), call.CancellationToken)),
        [
            ClinicIdParameter, .. DateRangeParameters,
            Query("status", false, Enum([.. AuditVocabulary.Statuses.Keys]), "Only sessions in this status."),
            Query("protocolId", false, new JsonObject { ["type"] = "string", ["pattern"] = ContractId.Pattern }, "Only sessions of this protocol."),
            Query("minSeverity", false, Severity(), "Only sessions with an active finding of at least this severity."),
            .. ReceivedParameters,
            .. AuditPagingParameters,
        ],
        [Page("A page of sessions.", "ClinicSessionPage"), Bad("A parameter is invalid; the problem names it.")]);

    public static readonly HttpRoute ListClinicFindings = new(
        "GET", "/api/clinics/{clinicId}/findings", "ListClinicFindings", "Findings of the clinic's sessions by their clinical session date (the dates the session list and the report use); receivedFrom/receivedTo filter on detection time. Access-logged.",
        [CallerRole.Auditor], AccessLogged: true, Read<AuditClinicFindingsEndpoint>((e, call) => e.GetAsync(call.Request, call.Value("clinicId"), call.CancellationToken)),
        [
            ClinicIdParameter, .. DateRangeParameters,
            Query("ruleId", false, Enum([.. RuleIds.All]), "Only this rule."),
            Query("severity", false, Severity(), "Only this severity."),
            Query("minSeverity", false, Severity(), "Only findings of at least this severity."),
            Query("includeRetracted", false, new JsonObject { ["type"] = "boolean", ["default"] = false }, "Also findings that later evidence withdrew."),
            .. ReceivedParameters,
            .. AuditPagingParameters,
        ],
        [Page("A page of findings.", "ClinicFindingPage"), Bad("A parameter is invalid; the problem names it.")]);

    public static readonly HttpRoute ListClinicRejected = new(
        "GET", "/api/clinics/{clinicId}/rejected", "ListClinicRejected", "Input of a clinic that the contract refused, by the clinic's local day it occurred on (its receive day when it has no readable occurredAt); receivedFrom/receivedTo filter on receipt. Auditors; a producer bound to clinics reads only theirs (403 for another). Access-logged.",
        [CallerRole.Auditor, CallerRole.Producer], AccessLogged: true, Read<AuditRejectedEndpoint>((e, call) => e.GetAsync(call.Request, call.Authenticated, call.Value("clinicId"), call.CancellationToken)),
        [ClinicIdParameter, .. DateRangeParameters, .. ReceivedParameters, .. AuditPagingParameters],
        [Page("A page of rejected input.", "RejectedEventPage"), Bad("A parameter is invalid; the problem names it."), new(403, "A producer asked for a clinic it is not bound to.", new Dictionary<string, string?> { [OpenApiDocumentBuilder.Problem] = "Problem" })]);

    public static readonly HttpRoute ListUnattributedRejected = new(
        "GET", "/api/rejected/unattributed", "ListUnattributedRejected", "Refused input that could not be tied to a clinic (not JSON, not base64, no readable clinicId, a body too large), by the day it occurred on (its receive day when it has no readable occurredAt); receivedFrom/receivedTo filter on receipt. Admin only. Access-logged.",
        [], AccessLogged: true, Read<AuditRejectedEndpoint>((e, call) => e.GetUnattributedAsync(call.Request, call.CancellationToken)),
        [.. DateRangeParameters, .. ReceivedParameters, .. AuditPagingParameters],
        [Page("A page of rejected input.", "RejectedEventPage"), Bad("A parameter is invalid; the problem names it.")]);

    public static readonly HttpRoute GetComplianceReport = new(
        "GET", "/api/clinics/{clinicId}/compliance-report", "GetComplianceReport", "Compliance report of a clinic over clinical session dates: the same sessions, findings and alerts the lists name for the range (docs/audit-api.md defines each figure). Access-logged.",
        [CallerRole.Auditor], AccessLogged: true, Read<AuditComplianceReportEndpoint>((e, call) => e.GetAsync(call.Request, call.Value("clinicId"), call.CancellationToken)),
        [
            ClinicIdParameter, .. DateRangeParameters,
            Query(AuditParameters.FormatName, false, Enum("json", "csv", "html"), "json (default), csv (one row per figure: section, item, measure, value) or html (a printable page: no script, nothing loaded from elsewhere); Accept: text/csv or text/html works too."),
        ],
        [
            new(200, "The report.", new Dictionary<string, string?> { [OpenApiDocumentBuilder.Json] = "ComplianceReport", [OpenApiDocumentBuilder.Csv] = null, [HtmlResult.MediaType] = null }),
            Bad("A parameter is invalid; the problem names it."),
        ]);

    public static readonly HttpRoute ListClinicRemsForms = new(
        "GET", "/api/clinics/{clinicId}/rems-forms", "ListClinicRemsForms", "The REMS monitoring forms of a clinic's intranasal esketamine sessions over session dates, for submission: CSV (one line per form) or JSON. Not paged. Access-logged.",
        [CallerRole.Auditor], AccessLogged: true, Read<AuditRemsFormsEndpoint>((e, call) => e.GetAsync(call.Request, call.Value("clinicId"), call.CancellationToken)),
        [ClinicIdParameter, .. DateRangeParameters, Query(AuditParameters.FormatName, false, Enum("json", "csv"), "json (default) or csv; Accept: text/csv works too.")],
        [
            new(200, "The forms.", new Dictionary<string, string?> { [OpenApiDocumentBuilder.Json] = "RemsFormList", [OpenApiDocumentBuilder.Csv] = null }),
            Bad("A parameter is invalid; the problem names it."),
        ]);

    public static readonly HttpRoute ListAccessLog = new(
        "GET", "/api/access-log", "ListAccessLog", "Who read audit data on a UTC day. Admin only; reading it is logged too.",
        [], AccessLogged: true, Read<AuditAccessLogEndpoint>((e, call) => e.GetAsync(call.Request, call.CancellationToken)),
        [Query("date", true, Date(), "The UTC day, YYYY-MM-DD.", "2026-03-01"), .. AuditPagingParameters],
        [Page("A page of access log entries.", "AccessLogPage"), Bad("A parameter is invalid; the problem names it.")]);

    public static readonly HttpRoute GetFhirSession = new(
        "GET", "/api/fhir/sessions/{sessionId}", "GetFhirSession",
        "One session as a FHIR R4 collection Bundle: the pseudonymous Patient (identifier: the patient hash), MedicationAdministrations (the infusion, each running stretch with its rate, each discrete dose), vital-sign Observations, a DetectedIssue per finding and per rule not evaluated, a Flag per unresolved alert (docs/fhir.md). Access-logged.",
        [CallerRole.Auditor], AccessLogged: true, Read<FhirEndpoint>((e, call) => e.GetSessionAsync(call.Request, call.Value("sessionId"), call.CancellationToken)),
        [SessionIdParameter, SessionClinicParameter],
        [FhirBundle("The Bundle."), Bad("Malformed id."), NotFound(), AmbiguousSession()]);

    public static readonly HttpRoute ListFhirAuditEvents = new(
        "GET", "/api/fhir/audit-events", "ListFhirAuditEvents",
        "The access log of a UTC day as a FHIR R4 searchset Bundle of AuditEvents, oldest first, paged like GET /api/access-log (the next page is the Bundle's next link). Admin only, like the access log; reading it is logged too.",
        [], AccessLogged: true, Read<FhirEndpoint>((e, call) => e.GetAuditEventsAsync(call.Request, call.CancellationToken)),
        [
            Query("date", true, Date(), "The UTC day, YYYY-MM-DD.", "2026-03-01"),
            AuditPagingParameters[0],
            AuditPagingParameters[1],
        ],
        [FhirBundle("A page of AuditEvents."), Bad("A parameter is invalid; the problem names it.")]);

    public static readonly HttpRoute ListAlerts = new(
        "GET", "/api/alerts", "ListAlerts", "Alerts of a clinic (an admin: of every clinic, without clinicId), newest first, optionally in one state, of one severity, escalated or not; with from/to, the alerts of the clinic's sessions of those clinical dates (as counted by the compliance report), newest date first. Access-logged.",
        [CallerRole.OnCall, CallerRole.Auditor], AccessLogged: true, Read<AlertsEndpoint>((e, call) => e.ListAsync(call.Request, call.Authenticated, call.CancellationToken)),
        [
            // Required for every role but admin: OpenAPI cannot say that a parameter's presence depends on the role.
            Query("clinicId", true, IdSchema(), "The clinic. Required, except that an admin may leave it out to list every clinic's alerts.", "abq-01"),
            Query("state", false, Enum("open", "acknowledged", "resolved"), "Only alerts in this state."),
            Query("severity", false, Severity(), "Only alerts of this severity. Filters each page as read: a page may hold fewer alerts than pageSize; follow continuationToken."),
            Query("escalated", false, new JsonObject { ["type"] = "boolean" }, "true: only alerts that were escalated; false: only those that were not. Filters each page as read, like severity."),
            Query("from", false, Date(), "With 'to': only alerts of sessions whose clinical date (the clinic's local start date) is on or after this day, YYYY-MM-DD.", "2026-03-01"),
            Query("to", false, Date(), $"With 'from': the last clinical day, inclusive; at most {DateRange.MaxDays} days after 'from'.", "2026-03-31"),
            .. AlertPaging("Alerts per page."),
        ],
        [Ok("A page of alerts.", "AlertList"), Bad("A parameter is invalid; the problem names it.")]);

    public static readonly HttpRoute GetAlert = new(
        "GET", "/api/alerts/{alertId}", "GetAlert", "One alert with its history and notifications. Access-logged.",
        [CallerRole.OnCall, CallerRole.Auditor], AccessLogged: true, Read<AlertsEndpoint>((e, call) => e.GetAsync(call.Value("alertId"), call.CancellationToken)),
        [AlertIdParameter],
        [Ok("The alert.", "AlertView"), NotFound("No such alert.")]);

    public static readonly HttpRoute AcknowledgeAlert = new(
        "POST", "/api/alerts/{alertId}/acknowledge", "AcknowledgeAlert", "A person takes the alert on; it stops escalating.",
        [CallerRole.OnCall], AccessLogged: false, Answer<AlertsEndpoint>((e, call) => e.AcknowledgeAsync(call.Request, call.Authenticated, call.Value("alertId"), call.CancellationToken)),
        [AlertIdParameter],
        [Ok("The alert after the change.", "AlertView"), Bad("The body is not the documented object."), NotFound("No such alert."), AlertConflict()],
        RequestBody: "AlertActionRequest", RequestExample: """{"by":"Dr. Example","note":"on my way"}""", OptionalBody: true);

    public static readonly HttpRoute ResolveAlert = new(
        "POST", "/api/alerts/{alertId}/resolve", "ResolveAlert", "Closes the alert.",
        [CallerRole.OnCall], AccessLogged: false, Answer<AlertsEndpoint>((e, call) => e.ResolveAsync(call.Request, call.Authenticated, call.Value("alertId"), call.CancellationToken)),
        [AlertIdParameter],
        [Ok("The alert after the change.", "AlertView"), Bad("The body is not the documented object."), NotFound("No such alert."), AlertConflict()],
        RequestBody: "AlertActionRequest", RequestExample: """{"by":"Dr. Example","reason":"infusion stopped, patient stable"}""", OptionalBody: true);

    public static readonly HttpRoute ListSilences = new(
        "GET", "/api/silences", "ListSilences", "Silences (maintenance windows), newest first; expired ones stay listed for auditors. Access-logged.",
        [CallerRole.Auditor], AccessLogged: true, Read<AlertSilencesEndpoint>((e, call) => e.ListAsync(call.Request, call.CancellationToken)),
        [Query("clinicId", false, IdSchema(), "Only this clinic's silences."), .. AlertPaging("Silences per page.")],
        [Ok("A page of silences.", "SilencePage"), Bad("A parameter is invalid; the problem names it.")]);

    public static readonly HttpRoute CreateSilence = new(
        "POST", "/api/silences", "CreateSilence", "Silences a clinic or one of its devices for at most 7 days (admin).",
        [], AccessLogged: false, Answer<AlertSilencesEndpoint>((e, call) => e.CreateAsync(call.Request, call.Authenticated, call.CancellationToken)),
        [],
        [new(201, "The silence.", new Dictionary<string, string?> { [OpenApiDocumentBuilder.Json] = "Silence" }), Bad("The body is invalid; the problem names the field.")],
        RequestBody: "SilenceRequest", RequestExample: """{"clinicId":"abq-01","endsAt":"2026-03-01T12:00:00Z","reason":"pump maintenance"}""");

    public static readonly HttpRoute ExpireSilence = new(
        "DELETE", "/api/silences/{silenceId}", "ExpireSilence", "Ends a silence now; the record stays (admin).",
        [], AccessLogged: false, Answer<AlertSilencesEndpoint>((e, call) => e.ExpireAsync(call.Authenticated, call.Value("silenceId"), call.CancellationToken)),
        [new("silenceId", "path", true, new JsonObject { ["type"] = "string", ["pattern"] = "^[A-Za-z0-9-]{1,64}$" }, "The silence.", "example-silence")],
        [Ok("The silence, expired.", "Silence"), Bad("Malformed id."), NotFound("No such silence.")]);

    /// <summary>Every route, in the order of the OpenAPI document.</summary>
    public static IReadOnlyList<HttpRoute> All { get; } =
    [
        HealthAlias, Health, ReadinessAlias, Readiness, Console, OpenApi, Me, PostEvents, PostHl7v2, GetSession, ReplaySession, GetSessionTimeline, GetSessionRemsForm, GetPatientCourse, DiagnosticsCounters, GetProtocolVersion,
        ListClinicSessions, ListClinicFindings, ListClinicRejected, ListUnattributedRejected, GetComplianceReport, ListClinicRemsForms, ListAccessLog,
        GetFhirSession, ListFhirAuditEvents,
        ListAlerts, GetAlert, AcknowledgeAlert, ResolveAlert, ListSilences, CreateSilence, ExpireSilence,
    ];

    /// <summary>An access-logged read: the endpoint answers with the number of rows it disclosed.</summary>
    private static Func<RouteCall, Task<AuditAnswer>> Read<TEndpoint>(Func<TEndpoint, RouteCall, Task<AuditAnswer>> read)
        where TEndpoint : notnull =>
        call => read(call.Service<TEndpoint>(), call);

    private static Func<RouteCall, Task<AuditAnswer>> Answer<TEndpoint>(Func<TEndpoint, RouteCall, Task<IResult>> answer)
        where TEndpoint : notnull =>
        async call => new AuditAnswer(await answer(call.Service<TEndpoint>(), call), 0);

    private static Func<RouteCall, Task<AuditAnswer>> Answer<TEndpoint>(Func<TEndpoint, RouteCall, IResult> answer)
        where TEndpoint : notnull =>
        call => Task.FromResult(new AuditAnswer(answer(call.Service<TEndpoint>(), call), 0));

    private static OpenApiParameter[] AlertPaging(string pageSizeDescription) =>
    [
        Query(AlertListPaging.PageSizeName, false, new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = AlertListPaging.MaxPageSize, ["default"] = AlertListPaging.DefaultPageSize }, pageSizeDescription),
        Query(AlertListPaging.ContinuationTokenName, false, new JsonObject { ["type"] = "string" }, "The token of the previous page."),
    ];

    private static OpenApiParameter PathId(string name, string description, string example) =>
        new(name, "path", true, IdSchema(), description, example);

    private static JsonObject IdSchema() => new() { ["type"] = "string", ["pattern"] = ContractId.Pattern };

    private static OpenApiParameter Query(string name, bool required, JsonObject schema, string description, string? example = null) =>
        new(name, "query", required, schema, description, example);

    private static JsonObject Date() => new() { ["type"] = "string", ["format"] = "date" };

    private static JsonObject Severity() => Enum([.. SeverityOrder.Names]);

    private static JsonObject Enum(params string[] values) => new() { ["type"] = "string", ["enum"] = new JsonArray([.. values.Select(v => (JsonNode)v)]) };

    private static OpenApiResponse Ok(string description, string? schema) =>
        new(200, description, new Dictionary<string, string?> { [OpenApiDocumentBuilder.Json] = schema });

    private static OpenApiResponse FhirBundle(string description) =>
        new(200, description, new Dictionary<string, string?> { [Fhir.FhirJson.MediaType] = null });

    private static OpenApiResponse[] ReadinessAnswers() =>
    [
        Ok("Ready: every check ok.", "Readiness"),
        new(503, "Not ready: a check failed; the body says which.", new Dictionary<string, string?> { [OpenApiDocumentBuilder.Json] = "Readiness" }),
    ];

    private static OpenApiResponse Page(string description, string schema) =>
        new(200, description, new Dictionary<string, string?> { [OpenApiDocumentBuilder.Json] = schema, [OpenApiDocumentBuilder.Csv] = null });

    private static OpenApiResponse Bad(string description) => OpenApiDocumentBuilder.ProblemResponse(400, description);

    private static OpenApiResponse NotFound(string description = "No such session.") => OpenApiDocumentBuilder.ProblemResponse(404, description);

    private static OpenApiResponse AmbiguousSession() =>
        OpenApiDocumentBuilder.ProblemResponse(409, "Several clinics have a session with this id and no clinicId was given; the problem lists them in clinicIds.");

    private static OpenApiResponse AlertConflict() => OpenApiDocumentBuilder.ProblemResponse(409, "The alert is already resolved.");
}
