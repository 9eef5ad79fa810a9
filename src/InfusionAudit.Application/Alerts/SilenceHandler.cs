using InfusionAudit.Domain.Alerts;
using InfusionAudit.Domain.Contract;
using InfusionAudit.Application.Ports.Alerts;

namespace InfusionAudit.Application.Alerts;

/// <summary>Creates, expires and lists silences. A silence is never deleted: expiring it ends it early and keeps the record.</summary>
public sealed class SilenceHandler(ISilenceStore silences, TimeProvider clock)
{
    private const int MaxReasonLength = 500;
    private const int MaxNameLength = 100;

    public async Task<SilenceCommandResult> CreateAsync(SilenceRequest request, AlertActor caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        var now = clock.GetUtcNow();
        var starts = request.StartsAt ?? now;
        if (!ContractId.IsValid(request.ClinicId))
        {
            return Invalid("clinicId", "clinicId is required: 1–64 characters, letters, digits, '.', '_', ':' or '-'.");
        }

        if (request.DeviceId is not null && !ContractId.IsValid(request.DeviceId))
        {
            return Invalid("deviceId", "deviceId, when given, is 1–64 characters: letters, digits, '.', '_', ':' or '-'.");
        }

        if (request.EndsAt is not { } ends || ends <= starts || ends <= now)
        {
            return Invalid("endsAt", "endsAt is required, after startsAt and in the future.");
        }

        if (ends - starts > Silence.MaxDuration)
        {
            return Invalid("endsAt", $"A silence spans at most {Silence.MaxDuration.TotalDays:0} days; create a new one when it ends.");
        }

        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > MaxReasonLength)
        {
            return Invalid("reason", $"reason is required (at most {MaxReasonLength} characters): auditors read why alerts were not sent.");
        }

        if (request.CreatedBy is { Length: > MaxNameLength })
        {
            return Invalid("createdBy", $"createdBy is at most {MaxNameLength} characters.");
        }

        var silence = new Silence(
            silences.NewId(now),
            request.ClinicId!,
            request.DeviceId,
            starts,
            ends,
            request.Reason.Trim(),
            Actor(request.CreatedBy, caller),
            now,
            null,
            null);
        await silences.AddAsync(silence, cancellationToken);
        return new SilenceCommandResult(silence, null, null);
    }

    /// <summary>Ends a silence now (if it has not ended); null when there is no such silence.</summary>
    public async Task<Silence?> ExpireAsync(string silenceId, AlertActor caller, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (await silences.GetAsync(silenceId, cancellationToken) is not { } found)
            {
                return null;
            }

            var now = clock.GetUtcNow();
            if (found.Silence.EffectiveEnd <= now)
            {
                return found.Silence;
            }

            var expired = found.Silence with { ExpiredAt = now, ExpiredBy = caller };
            if (await silences.ReplaceAsync(expired, found.ETag, cancellationToken))
            {
                return expired;
            }
        }

        throw new InvalidOperationException($"Silence {silenceId} kept changing while it was being expired.");
    }

    /// <exception cref="ArgumentException">The continuation token is not valid.</exception>
    public Task<SilencePage> ListAsync(string? clinicId, int pageSize, string? continuationToken, CancellationToken cancellationToken) =>
        silences.PageAsync(clinicId, pageSize, continuationToken, cancellationToken);

    /// <summary>The person named in a request (trimmed), or the key id when none is named; always with the key id.</summary>
    public static AlertActor Actor(string? name, AlertActor caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return new AlertActor(string.IsNullOrWhiteSpace(name) ? caller.Name : name.Trim(), caller.Via);
    }

    private static SilenceCommandResult Invalid(string field, string problem) => new(null, field, problem);
}
