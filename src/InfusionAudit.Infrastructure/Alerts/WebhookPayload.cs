using System.Text.Json.Serialization;
using InfusionAudit.Application;
using InfusionAudit.Application.Alerts;

namespace InfusionAudit.Infrastructure.Alerts;

/// <summary>The <c>payload</c> of a trigger event.</summary>
public sealed record WebhookPayload(
    [property: JsonPropertyName("summary")] string Summary,
    [property: JsonPropertyName("severity")] string Severity,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("component")] string Component,
    [property: JsonPropertyName("group")] string Group,
    [property: JsonPropertyName("class")] string Class,
    [property: JsonPropertyName("timestamp")] DateTimeOffset Timestamp,
    [property: JsonPropertyName("custom_details")] IReadOnlyDictionary<string, object?> CustomDetails);
