using System.Text.RegularExpressions;

namespace InfusionAudit.Application.Audit;

/// <summary>
/// Takes patient reference hashes out of text that goes into list answers (rejected input keeps the hashed
/// <c>patientRef</c> in its raw text). The hash links a patient's sessions; lists have no need for that link.
/// </summary>
public static partial class PatientHashRedaction
{
    public const string Replacement = "hmac-sha256:redacted";

    /// <summary>A patient hash as stored (<c>hmac-sha256:v1:&lt;scope&gt;:&lt;key id&gt;:&lt;64 hex&gt;</c>, or the older form without scope and key id).</summary>
    public const string HashPatternText = "hmac-sha256:(?:v1:[a-z]+:[A-Za-z0-9._-]+:)?[0-9a-fA-F]{64}";

    public static string Redact(string text) =>
        text.Contains("hmac-sha256:", StringComparison.Ordinal) ? HashPattern().Replace(text, Replacement) : text;

    /// <summary>True when <paramref name="text"/> is exactly one patient hash (as the session document shows it).</summary>
    public static bool IsHash(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= 256 && HashPattern().Match(text) is { Success: true } m && m.Index == 0 && m.Length == text.Length;
    }

    [GeneratedRegex(HashPatternText, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex HashPattern();
}
