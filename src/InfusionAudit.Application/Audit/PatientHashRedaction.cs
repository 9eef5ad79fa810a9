using System.Text.RegularExpressions;

namespace InfusionAudit.Application.Audit;

/// <summary>
/// Takes patient reference hashes out of text that goes into list answers (rejected input keeps the hashed
/// <c>patientRef</c> in its raw text). The hash links a patient's sessions; lists have no need for that link.
/// </summary>
public static partial class PatientHashRedaction
{
    public const string Replacement = "hmac-sha256:redacted";

    public static string Redact(string text) =>
        text.Contains("hmac-sha256:", StringComparison.Ordinal) ? HashPattern().Replace(text, Replacement) : text;

    [GeneratedRegex("hmac-sha256:(?:v1:[a-z]+:[A-Za-z0-9._-]+:)?[0-9a-fA-F]{64}", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex HashPattern();
}
