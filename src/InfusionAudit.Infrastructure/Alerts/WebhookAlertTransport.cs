using System.Net.Http.Json;
using InfusionAudit.Application;
using InfusionAudit.Application.Alerts;
using InfusionAudit.Application.Diagnostics;
using InfusionAudit.Domain.Findings;
using Microsoft.Extensions.Options;

namespace InfusionAudit.Infrastructure.Alerts;

/// <summary>
/// A webhook speaking PagerDuty Events v2: one event per alert of a notification, <c>dedup_key</c> = alert id, so
/// the receiver opens one incident per problem and acknowledge/resolve close the right one. Escalations go to the
/// escalation routing key. Retries with back-off on 5xx, 408, 429 and network failures come from the
/// resilience handler of the named <see cref="HttpClient"/> (<see cref="ClientName"/>).
/// </summary>
public sealed class WebhookAlertTransport(IHttpClientFactory clients, IOptions<AlertOptions> options) : IAlertTransport, IReadinessProbe
{
    public const string ClientName = "alerts-webhook";

    private readonly WebhookAlertOptions settings = options.Value.Webhook;

    public string Name => "webhook";

    public string ReadinessName => "alerts:webhook";

    /// <summary>
    /// A HEAD request without retries: any HTTP answer (405 included) means the receiver is reachable; no event is sent,
    /// so the probe opens no incident.
    /// </summary>
    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        using var client = clients.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Head, settings.Url);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    public async Task<IReadOnlyList<string?>> SendAsync(IReadOnlyList<OutboundAlert> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var client = clients.CreateClient(ClientName);
        var results = new string?[messages.Count];
        for (var i = 0; i < messages.Count; i++)
        {
            foreach (var body in Events(messages[i].Message))
            {
                try
                {
                    using var response = await client.PostAsJsonAsync(settings.Url, body, JsonDefaults.Options, cancellationToken);
                    if (!response.IsSuccessStatusCode)
                    {
                        results[i] = $"webhook: HTTP {(int)response.StatusCode} for {body.DedupKey}";
                        break;
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException && !cancellationToken.IsCancellationRequested)
                {
                    results[i] = $"webhook: {ex.GetType().Name}: {ex.Message}";
                    break;
                }
            }
        }

        return results;
    }

    /// <summary>The Events v2 requests of a notification, one per alert.</summary>
    public IEnumerable<WebhookEvent> Events(AlertMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var action = message.Kind switch
        {
            "acknowledge" => "acknowledge",
            "resolve" => "resolve",
            _ => "trigger",
        };
        var routingKey = message.Target == "escalation" && !string.IsNullOrEmpty(settings.EscalationRoutingKey) ? settings.EscalationRoutingKey : settings.RoutingKey;
        foreach (var alert in message.Alerts)
        {
            var payload = action == "trigger"
                ? new WebhookPayload(
                    $"{message.Severity.ToUpperInvariant()} {alert.RuleId} clinic {message.ClinicId} session {message.SessionId}: {alert.Evidence}{(alert.ArrivedLate ? $" (occurred {alert.OccurredAt:O}: arrived late)" : string.Empty)}",
                    SeverityOrder.Rank(alert.Severity) > 0 ? alert.Severity : "critical",
                    $"{message.ClinicId}/{string.Join('+', alert.DeviceIds)}",
                    message.SessionId,
                    message.ClinicId,
                    alert.RuleId,
                    alert.DetectedAt,
                    new Dictionary<string, object?>
                    {
                        ["notification_id"] = message.NotificationId,
                        ["kind"] = message.Kind,
                        ["target"] = message.Target,
                        ["clinic_id"] = message.ClinicId,
                        ["session_id"] = message.SessionId,
                        ["device_ids"] = alert.DeviceIds,
                        ["rule_id"] = alert.RuleId,
                        ["evidence"] = alert.Evidence,
                        ["evidence_values"] = alert.EvidenceValues,
                        ["values"] = alert.Values,
                        ["events_missing"] = alert.EventsMissing,
                        ["protocol"] = $"{alert.ProtocolId} v{alert.ProtocolVersion}",
                        ["occurred_at"] = alert.OccurredAt,
                        ["detected_at"] = alert.DetectedAt,
                        ["arrived_late"] = alert.ArrivedLate,
                        ["raised_at"] = alert.RaisedAt,
                        ["acknowledge_url"] = alert.Links.Acknowledge,
                    })
                : null;
            yield return new WebhookEvent(
                routingKey,
                action,
                alert.AlertId,
                payload,
                action == "trigger" ? [new WebhookLink(message.Links.Session, "Session"), new WebhookLink(alert.Links.Console, "Open in the console (acknowledge, resolve)")] : null,
                "InfusionAudit");
        }
    }
}
