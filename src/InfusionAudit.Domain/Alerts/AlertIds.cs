using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace InfusionAudit.Domain.Alerts;

/// <summary>
/// Deterministic ids. An alert id is a function of (session, rule, episode), so a retried write, a redelivered message
/// or a second host computes the same id and finds the alert already there. It starts with the session id, which
/// locates its storage partition; <c>~</c> cannot occur in contract ids, so the parts never run together.
/// </summary>
public static class AlertIds
{
    /// <summary>Separates the parts of an id.</summary>
    public const char Separator = '~';

    /// <summary>
    /// <c>{sessionId}~{ruleId}~{8 hex}</c>: readable on a pager; the hex is the start of SHA-256 of the episode key
    /// (an event id or a named part), so ids stay short and URL-safe whatever the key holds.
    /// </summary>
    public static string For(string sessionId, string ruleId, string episodeKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        ArgumentException.ThrowIfNullOrEmpty(ruleId);
        ArgumentNullException.ThrowIfNull(episodeKey);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(episodeKey));
        return string.Concat(sessionId, Separator.ToString(), ruleId, Separator.ToString(), Convert.ToHexStringLower(hash.AsSpan(0, 4)));
    }

    /// <summary>The id of the <paramref name="number"/>-th notification of a session (from 1): the broker's duplicate-detection key.</summary>
    public static string Notification(string sessionId, int number) =>
        string.Concat(sessionId, Separator.ToString(), "n", number.ToString("D3", CultureInfo.InvariantCulture));

    /// <summary>The session an alert or notification id belongs to, or null when the text is not such an id.</summary>
    public static string? SessionOf(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 160)
        {
            return null;
        }

        var end = id.IndexOf(Separator, StringComparison.Ordinal);
        return end > 0 ? id[..end] : null;
    }
}
