using System.Globalization;
using System.Text.Json;

namespace InfusionAudit.Application.Audit;

/// <summary>The <c>occurredAt</c> of an input element kept as text (rejected input has no parsed event).</summary>
internal static class RawEventTime
{
    /// <summary>The element's <c>occurredAt</c> when it is a readable time; null when missing, malformed or not JSON.</summary>
    public static DateTimeOffset? OccurredAt(string rawJson)
    {
        // Rejected text is hostile by definition: duplicate names, lone surrogates, deep nesting. JsonDocument keeps
        // duplicates (the first wins here), and whatever it cannot read means "no time".
        try
        {
            using var element = JsonDocument.Parse(rawJson);
            return element.RootElement.ValueKind == JsonValueKind.Object
                && element.RootElement.TryGetProperty("occurredAt", out var value)
                && value.ValueKind == JsonValueKind.String
                && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                && at.Year is > 1 and < 9999
                ? at
                : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }
}
