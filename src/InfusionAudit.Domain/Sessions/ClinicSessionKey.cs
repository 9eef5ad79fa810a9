namespace InfusionAudit.Domain.Sessions;

/// <summary>
/// A session's identity: its clinic and its id. The same session id at two clinics is two sessions, so whatever is kept
/// per session (caches, turns, alert partitions, alert and notification ids) is keyed by both.
/// </summary>
public static class ClinicSessionKey
{
    /// <summary>Joins the two parts; <c>@</c> cannot occur in contract ids, so the key splits back unambiguously.</summary>
    public const char Separator = '@';

    /// <summary><c>{sessionId}@{clinicId}</c>: reads as "session S-0001 at clinic abq-01", and is URL- and table-key-safe.</summary>
    public static string Of(string clinicId, string sessionId) => string.Concat(sessionId, Separator.ToString(), clinicId);

    /// <summary>The clinic and session of a key made by <see cref="Of"/>, or null when the text is not one.</summary>
    public static (string ClinicId, string SessionId)? Parse(string? key)
    {
        var at = key?.IndexOf(Separator, StringComparison.Ordinal) ?? -1;
        return at > 0 && at < key!.Length - 1 ? (key[(at + 1)..], key[..at]) : null;
    }
}
