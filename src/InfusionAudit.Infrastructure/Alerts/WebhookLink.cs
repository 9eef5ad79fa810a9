using System.Text.Json.Serialization;
using InfusionAudit.Application;
using InfusionAudit.Application.Alerts;

namespace InfusionAudit.Infrastructure.Alerts;

/// <summary>A link of a trigger event.</summary>
public sealed record WebhookLink([property: JsonPropertyName("href")] string Href, [property: JsonPropertyName("text")] string Text);
