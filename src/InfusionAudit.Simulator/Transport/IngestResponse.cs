using System.Text.Json;

namespace InfusionAudit.Simulator.Transport;

/// <summary>Reads the per-event results of <c>POST /api/events</c>: <c>{"results":[{"index","eventId","status","rejection"}]}</c>.</summary>
public static class IngestResponse
{
    /// <summary>Counts statuses; null when the body has no <c>results</c> array.</summary>
    public static SendOutcome? Parse(string body, int eventsSent)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("results", out var results)
                || results.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            int accepted = 0, duplicate = 0, rejected = 0;
            foreach (var result in results.EnumerateArray())
            {
                var status = result.ValueKind == JsonValueKind.Object && result.TryGetProperty("status", out var s)
                    && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
                switch (status)
                {
                    case "accepted": accepted++; break;
                    case "duplicate": duplicate++; break;
                    case "rejected": rejected++; break;
                    default: break;
                }
            }

            return new SendOutcome(eventsSent, HasResults: true, accepted, duplicate, rejected);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
