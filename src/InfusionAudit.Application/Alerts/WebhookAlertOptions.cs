namespace InfusionAudit.Application.Alerts;

/// <summary><c>InfusionAudit:Alerts:Webhook</c>: an HTTPS endpoint taking PagerDuty Events v2 JSON.</summary>
public sealed class WebhookAlertOptions
{
    /// <summary>Where to POST (e.g. https://events.pagerduty.com/v2/enqueue). Unset: no webhook.</summary>
    public string? Url { get; set; }

    /// <summary>The integration key of the on-call service.</summary>
    public string RoutingKey { get; set; } = string.Empty;

    /// <summary>The integration key of the escalation service; the on-call key when unset.</summary>
    public string? EscalationRoutingKey { get; set; }

    /// <summary>Retries of one request after a 5xx, 408, 429 or network failure, with exponential back-off.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First back-off delay (doubles per retry, with jitter).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Time limit of one attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
