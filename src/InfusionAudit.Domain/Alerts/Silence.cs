using System.Text.Json.Serialization;

namespace InfusionAudit.Domain.Alerts;

/// <summary>
/// A maintenance window: while active it keeps warning alerts of a clinic (or of one device of it) from being notified.
/// It never applies to a critical alert (catalogue v2): those are notified and escalate whatever the silences. The
/// silenced alerts are still recorded, marked with the silence's id. Silences are never deleted, only expired, so an auditor
/// can always see why an alert was not sent.
/// </summary>
/// <param name="SilenceId">Its id.</param>
/// <param name="ClinicId">The clinic it applies to.</param>
/// <param name="DeviceId">One device of the clinic, or null for the whole clinic.</param>
/// <param name="StartsAt">Start of the window.</param>
/// <param name="EndsAt">End of the window as planned.</param>
/// <param name="Reason">Why (shown to auditors).</param>
/// <param name="CreatedBy">Who created it.</param>
/// <param name="CreatedAt">When.</param>
/// <param name="ExpiredBy">Who ended it early.</param>
/// <param name="ExpiredAt">When it was ended early.</param>
public sealed record Silence(
    string SilenceId,
    string ClinicId,
    string? DeviceId,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string Reason,
    AlertActor CreatedBy,
    DateTimeOffset CreatedAt,
    AlertActor? ExpiredBy,
    DateTimeOffset? ExpiredAt)
{
    /// <summary>Longest window a silence may span: a forgotten silence must not mute a clinic for good.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(7);

    /// <summary>When it stops applying: the planned end, or the early expiry if that came first.</summary>
    [JsonIgnore]
    public DateTimeOffset EffectiveEnd => ExpiredAt is { } expired && expired < EndsAt ? expired : EndsAt;

    /// <summary>True at <paramref name="at"/> when the window has started and not ended.</summary>
    public bool IsActiveAt(DateTimeOffset at) => at >= StartsAt && at < EffectiveEnd;

    /// <summary>True when it silences an alert of <paramref name="clinicId"/> from any of <paramref name="deviceIds"/> at <paramref name="at"/>.</summary>
    public bool Matches(string clinicId, IReadOnlyList<string> deviceIds, DateTimeOffset at) =>
        IsActiveAt(at)
        && string.Equals(ClinicId, clinicId, StringComparison.Ordinal)
        && (DeviceId is null || deviceIds.Contains(DeviceId, StringComparer.Ordinal));
}
