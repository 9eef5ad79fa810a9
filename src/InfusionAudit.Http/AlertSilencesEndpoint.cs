using System.Text.Json;
using InfusionAudit.Application;
using InfusionAudit.Application.Alerts;
using InfusionAudit.Application.Audit;
using InfusionAudit.Application.Security;
using InfusionAudit.Domain.Alerts;
using InfusionAudit.Domain.Contract;
using InfusionAudit.Http.Audit;
using InfusionAudit.Http.Security;
using Microsoft.AspNetCore.Http;

namespace InfusionAudit.Http;

/// <summary>
/// <c>GET /api/silences?clinicId=</c>, <c>POST /api/silences</c> and <c>DELETE /api/silences/{silenceId}</c> (expires the
/// silence, the record stays for auditors). Roles and the access log: <see cref="RouteTable"/>.
/// </summary>
public sealed class AlertSilencesEndpoint(SilenceHandler silences)
{
    public async Task<AuditAnswer> ListAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        string? clinicId = null;
        if (request.Query["clinicId"].ToString() is { Length: > 0 } clinic)
        {
            if (!ContractId.IsValid(clinic))
            {
                return AuditAnswer.Refused(Problems.InvalidParameter("clinicId", "clinicId is 1–64 characters: letters, digits, '.', '_', ':' or '-'."));
            }

            clinicId = clinic;
        }

        if (!AlertListPaging.TryRead(request, out var pageSize, out var token, out var problem))
        {
            return AuditAnswer.Refused(problem);
        }

        try
        {
            var page = await silences.ListAsync(clinicId, pageSize, token, cancellationToken);
            return new AuditAnswer(Results.Json(new { items = page.Silences, continuationToken = page.ContinuationToken }, JsonDefaults.Answers), page.Silences.Count);
        }
        catch (ArgumentException ex) when (ex.ParamName == AlertListPaging.ContinuationTokenName)
        {
            return AlertListPaging.ForeignToken();
        }
    }

    public async Task<IResult> CreateAsync(HttpRequest request, Caller caller, CancellationToken cancellationToken)
    {
        SilenceRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<SilenceRequest>(request.Body, JsonDefaults.Requests, cancellationToken);
        }
        catch (JsonException ex) when (JsonDefaults.UnknownField(ex) is { } field)
        {
            return Problems.InvalidParameter("body." + field, $"Unknown field '{field}': the body has clinicId, deviceId, startsAt, endsAt, reason and createdBy.");
        }
        catch (JsonException)
        {
            body = null;
        }

        if (body is null)
        {
            return Problems.InvalidParameter("body", "The body is a JSON object: clinicId, optional deviceId, optional startsAt, endsAt, reason, optional createdBy.");
        }

        var result = await silences.CreateAsync(body, new AlertActor(caller.KeyId, caller.KeyId), cancellationToken);
        return result.Silence is { } silence
            ? Results.Json(silence, JsonDefaults.Answers, statusCode: StatusCodes.Status201Created)
            : Problems.InvalidParameter(result.InvalidField!, result.Problem!);
    }

    public async Task<IResult> ExpireAsync(Caller caller, string silenceId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(silenceId) || silenceId.Length > 64 || !silenceId.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            return Problems.InvalidParameter("silenceId", "A silence id is letters, digits and '-'.");
        }

        return await silences.ExpireAsync(silenceId, new AlertActor(caller.KeyId, caller.KeyId), cancellationToken) is { } silence
            ? Results.Json(silence, JsonDefaults.Answers)
            : Problems.NotFound($"No silence {silenceId}.");
    }
}
