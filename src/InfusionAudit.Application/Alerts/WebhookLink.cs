using System.Text.Json.Serialization;

namespace InfusionAudit.Application.Alerts;

/// <summary>A link of a trigger event.</summary>
public sealed record WebhookLink([property: JsonPropertyName("href")] string Href, [property: JsonPropertyName("text")] string Text);
