using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using InfusionAudit.Domain.Sessions;

namespace InfusionAudit.Domain.Alerts;

/// <summary>
/// Deterministic ids. An alert id is a function of (clinic, session, rule, episode), so a retried write, a redelivered
/// message or a second host computes the same id and finds the alert already there. It starts with the session's
/// <see cref="ClinicSessionKey"/> (<c>{sessionId}@{clinicId}</c>), which locates its storage partition: the same session
/// id at two clinics gives two alert partitions and distinct ids. <c>~</c> and <c>@</c> cannot occur in contract ids, so
/// the parts never run together.
/// </summary>
public static class AlertIds
{
    /// <summary>Separates the parts of an id.</summary>
    public const char Separator = '~';

    /// <summary>
    /// <c>{sessionId}@{clinicId}~{ruleId}~{8 hex}</c>: readable on a pager; the hex is the start of SHA-256 of the episode
    /// key (an event id or a named part), so ids stay short and URL-safe whatever the key holds.
    /// </summary>
    public static string For(string clinicId, string sessionId, string ruleId, string episodeKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(clinicId);
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        ArgumentException.ThrowIfNullOrEmpty(ruleId);
        ArgumentNullException.ThrowIfNull(episodeKey);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(episodeKey));
        return string.Concat(ClinicSessionKey.Of(clinicId, sessionId), Separator.ToString(), ruleId, Separator.ToString(), Convert.ToHexStringLower(hash.AsSpan(0, 4)));
    }

    /// <summary>
    /// The id of the <paramref name="number"/>-th notification of a session (from 1): the broker's duplicate-detection
    /// key, so it names the clinic too.
    /// </summary>
    public static string Notification(string clinicId, string sessionId, int number) =>
        string.Concat(ClinicSessionKey.Of(clinicId, sessionId), Separator.ToString(), "n", number.ToString("D3", CultureInfo.InvariantCulture));

    /// <summary>The clinic and session an alert or notification id belongs to, or null when the text is not such an id.</summary>
    public static (string ClinicId, string SessionId)? SessionOf(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 240)
        {
            return null;
        }

        var end = id.IndexOf(Separator, StringComparison.Ordinal);
        return end > 0 ? ClinicSessionKey.Parse(id[..end]) : null;
    }
}
