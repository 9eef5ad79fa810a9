using System.Text.Json;

namespace InfusionAudit.Simulator.Contract;

/// <summary>One event as the clinic gateway forwards it.</summary>
/// <param name="SessionId">Session the event belongs to; empty when unknown (unparseable replay lines).</param>
/// <param name="Sequence">Its envelope <c>sequence</c>, or -1 when unknown.</param>
/// <param name="OccurredAt">Its device timestamp.</param>
/// <param name="SendAt">When the gateway forwards it; equals <paramref name="OccurredAt"/> unless the transport is delayed or retried.</param>
/// <param name="Kind">What the backend should make of it.</param>
/// <param name="Json">The exact text sent.</param>
public sealed record WireEvent(
    string SessionId,
    long Sequence,
    DateTimeOffset OccurredAt,
    DateTimeOffset SendAt,
    WireEventKind Kind,
    string Json)
{
    /// <summary>Wraps a line read back from a file, classifying it only as JSON or not: the backend is the judge of the rest.</summary>
    public static WireEvent FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            var sessionId = root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("sessionId", out var session)
                && session.ValueKind == JsonValueKind.String
                    ? session.GetString() ?? ""
                    : "";
            var sequence = root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("sequence", out var seq)
                && seq.TryGetInt64(out var parsed)
                    ? parsed
                    : -1;
            var occurredAt = root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("occurredAt", out var at)
                && at.ValueKind == JsonValueKind.String
                && at.TryGetDateTimeOffset(out var when)
                    ? when
                    : default;
            return new WireEvent(sessionId, sequence, occurredAt, occurredAt, WireEventKind.Original, text);
        }
        catch (JsonException)
        {
            return new WireEvent("", -1, default, default, WireEventKind.NotJson, text);
        }
    }
}
