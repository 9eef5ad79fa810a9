using System.Text.Json;
using InfusionAudit.Application;
using InfusionAudit.Application.Alerts;
using InfusionAudit.Application.Audit;
using InfusionAudit.Application.Security;
using InfusionAudit.Domain.Alerts;
using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Findings;
using InfusionAudit.Http.Audit;
using InfusionAudit.Http.Security;
using Microsoft.AspNetCore.Http;

namespace InfusionAudit.Http;

/// <summary>
/// <c>GET /api/alerts?clinicId=&amp;state=&amp;severity=&amp;escalated=&amp;pageSize=&amp;continuationToken=</c> (an admin
/// may leave out clinicId to list every clinic), <c>GET /api/alerts/{alertId}</c>,
/// <c>POST /api/alerts/{alertId}/acknowledge</c> and <c>POST /api/alerts/{alertId}/resolve</c>. Roles and the access log:
/// <see cref="RouteTable"/>.
/// </summary>
public sealed class AlertsEndpoint(AlertQueryHandler queries, AlertCommandHandler commands)
{
    private const int MaxTextLength = 500;

    public async Task<AuditAnswer> ListAsync(HttpRequest request, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        string? clinicId = request.Query["clinicId"].ToString();
        if (clinicId.Length == 0 && !request.Query.ContainsKey("clinicId") && caller.Roles.Contains(CallerRole.Admin))
        {
            // Only an admin lists across clinics; every other role reads one clinic at a time.
            clinicId = null;
        }
        else if (!ContractId.IsValid(clinicId))
        {
            return AuditAnswer.Refused(Problems.InvalidParameter("clinicId", "clinicId is required (an admin may leave it out to list every clinic): 1–64 characters, letters, digits, '.', '_', ':' or '-'."));
        }

        Severity? severity = null;
        if (request.Query["severity"].ToString() is { Length: > 0 } severityText)
        {
            if (!Enum.TryParse<Severity>(severityText, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || char.IsDigit(severityText[0]))
            {
                return AuditAnswer.Refused(Problems.InvalidParameter("severity", "severity is one of info, warning, critical."));
            }

            severity = parsed;
        }

        bool? escalated = null;
        if (request.Query["escalated"].ToString() is { Length: > 0 } escalatedText)
        {
            if (!bool.TryParse(escalatedText, out var parsed))
            {
                return AuditAnswer.Refused(Problems.InvalidParameter("escalated", "escalated is true or false."));
            }

            escalated = parsed;
        }

        AlertState? state = null;
        if (request.Query["state"].ToString() is { Length: > 0 } stateText)
        {
            if (!Enum.TryParse<AlertState>(stateText, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || char.IsDigit(stateText[0]))
            {
                return AuditAnswer.Refused(Problems.InvalidParameter("state", "state is one of open, acknowledged, resolved."));
            }

            state = parsed;
        }

        if (!AlertListPaging.TryRead(request, out var pageSize, out var token, out var problem))
        {
            return AuditAnswer.Refused(problem);
        }

        // from/to: the clinical dates of the alerts' sessions, as in the audit lists and the report; both or neither.
        DateRange? range = null;
        if (request.Query.ContainsKey("from") || request.Query.ContainsKey("to"))
        {
            var p = new AuditParameters(request, [.. request.Query.Keys]);
            var read = p.Range();
            if (p.Problem is { } invalid)
            {
                return AuditAnswer.Refused(invalid);
            }

            range = read;
        }

        try
        {
            var filter = new AlertListFilter(severity, escalated);
            if (range is not null && clinicId is null)
            {
                return AuditAnswer.Refused(Problems.InvalidParameter("clinicId", "from/to list one clinic's alerts by its sessions' clinical dates: give clinicId."));
            }

            var page = range is { } dates
                ? await queries.ListByDateAsync(clinicId!, dates, state, pageSize, token, cancellationToken, filter)
                : await queries.ListAsync(clinicId, state, pageSize, token, cancellationToken, filter);
            return new AuditAnswer(Results.Json(page, JsonDefaults.Answers), page.Items.Count);
        }
        catch (ArgumentException ex) when (ex.ParamName == AlertListPaging.ContinuationTokenName)
        {
            return AlertListPaging.ForeignToken();
        }
    }

    public async Task<AuditAnswer> GetAsync(string alertId, CancellationToken cancellationToken) =>
        await queries.GetAsync(alertId, cancellationToken) is { } alert
            ? new AuditAnswer(Results.Json(alert, JsonDefaults.Answers), 1)
            : AuditAnswer.Refused(Problems.NotFound($"No alert {alertId}."));

    public Task<IResult> AcknowledgeAsync(HttpRequest request, Caller caller, string alertId, CancellationToken cancellationToken) =>
        ChangeAsync(request, caller, alertId, acknowledge: true, cancellationToken);

    public Task<IResult> ResolveAsync(HttpRequest request, Caller caller, string alertId, CancellationToken cancellationToken) =>
        ChangeAsync(request, caller, alertId, acknowledge: false, cancellationToken);

    private async Task<IResult> ChangeAsync(HttpRequest request, Caller caller, string alertId, bool acknowledge, CancellationToken cancellationToken)
    {
        var (body, invalid) = await ReadBodyAsync(request, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

        // A signed-in person (Entra ID) is recorded as who they are, whatever the body's by says; a role key names
        // nobody, so its caller may still name themselves in by (the key id otherwise), as before.
        var by = caller.Person is { } person
            ? new AlertActor(person, caller.KeyId)
            : SilenceHandler.Actor(body?.By, new AlertActor(caller.KeyId, caller.KeyId));
        var (status, alert) = acknowledge
            ? await commands.AcknowledgeAsync(alertId, by, body?.Note, cancellationToken)
            : await commands.ResolveAsync(alertId, by, string.IsNullOrWhiteSpace(body?.Reason) ? body?.Note is { Length: > 0 } note ? note : "resolved by on-call" : body.Reason, cancellationToken);
        return status switch
        {
            AlertCommandStatus.NotFound => Problems.NotFound($"No alert {alertId}."),
            AlertCommandStatus.AlreadyResolved => Results.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Alert already resolved",
                detail: $"Alert {alertId} was resolved at {alert?.Alert.ResolvedAt:O} by {alert?.Alert.ResolvedBy?.Name}; a resolved alert cannot be acknowledged."),
            _ => Results.Json(alert, JsonDefaults.Answers),
        };
    }

    private static async Task<(AlertActionRequest? Body, IResult? Invalid)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && !request.HasJsonContentType()))
        {
            return (null, null);
        }

        try
        {
            var body = await JsonSerializer.DeserializeAsync<AlertActionRequest>(request.Body, JsonDefaults.Requests, cancellationToken);
            if (body is not null && new[] { body.By, body.Note, body.Reason }.Any(t => t is { Length: > MaxTextLength }))
            {
                return (null, Problems.InvalidParameter("body", $"by, note and reason are at most {MaxTextLength} characters."));
            }

            return (body, null);
        }
        catch (JsonException ex) when (JsonDefaults.UnknownField(ex) is { } field)
        {
            return (null, Problems.InvalidParameter("body." + field, $"Unknown field '{field}': the body has only by, note and reason."));
        }
        catch (JsonException)
        {
            return (null, Problems.InvalidParameter("body", "The body, when sent, is a JSON object with optional by, note and reason strings."));
        }
    }
}
