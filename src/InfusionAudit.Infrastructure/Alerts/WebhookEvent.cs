using System.Text.Json.Serialization;
using InfusionAudit.Application;
using InfusionAudit.Application.Alerts;

namespace InfusionAudit.Infrastructure.Alerts;

/// <summary>A PagerDuty Events v2 request.</summary>
public sealed record WebhookEvent(
    [property: JsonPropertyName("routing_key")] string RoutingKey,
    [property: JsonPropertyName("event_action")] string EventAction,
    [property: JsonPropertyName("dedup_key")] string DedupKey,
    [property: JsonPropertyName("payload"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] WebhookPayload? Payload,
    [property: JsonPropertyName("links"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<WebhookLink>? Links,
    [property: JsonPropertyName("client")] string Client);
