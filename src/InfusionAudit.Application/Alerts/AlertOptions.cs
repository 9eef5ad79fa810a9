using InfusionAudit.Domain.Alerts;

namespace InfusionAudit.Application.Alerts;

/// <summary>
/// Alerting settings, section <c>InfusionAudit:Alerts</c> (environment variables <c>InfusionAudit__Alerts__Name</c>).
/// docs/alerts.md lists every setting with an example.
/// </summary>
public sealed class AlertOptions
{
    public const string Section = "InfusionAudit:Alerts";

    /// <summary>Off: no alert is raised or sent (findings are still stored). For benchmarks of ingestion alone.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long after a notification further new problems of the same session are held and sent as one follow-up.</summary>
    public TimeSpan GroupWindow { get; set; } = AlertPolicyOptions.DefaultGroupWindow;

    /// <summary>How long an open alert may stay unacknowledged before it is re-sent to the escalation target.</summary>
    public TimeSpan EscalationDeadline { get; set; } = AlertPolicyOptions.DefaultEscalationDeadline;

    /// <summary>How long the page of a problem judged with events missing waits for those events; zero pages at once.</summary>
    public TimeSpan GapHold { get; set; } = AlertPolicyOptions.DefaultGapHold;

    /// <summary>
    /// CRON schedule (with seconds) of the alert timer: closes group windows, escalates, retries failed dispatch. The
    /// Functions timer reads it as <c>%InfusionAudit:Alerts:Schedule%</c>; it bounds how late a follow-up can be.
    /// </summary>
    public string Schedule { get; set; } = "*/5 * * * * *";

    /// <summary>
    /// Transports to send on, comma-separated from <c>queue</c>, <c>serviceBus</c>, <c>webhook</c>. Unset: the queue
    /// (when <see cref="QueueName"/> is set), Service Bus (when configured) and the webhook (when a URL is set).
    /// </summary>
    public string? Transports { get; set; }

    /// <summary>Storage queue on the app's storage account that receives every notification (base64 JSON).</summary>
    public string QueueName { get; set; } = "alerts-outbound";

    /// <summary>The Service Bus topic transport.</summary>
    public ServiceBusAlertOptions ServiceBus { get; set; } = new();

    /// <summary>The webhook transport (PagerDuty Events v2 shape).</summary>
    public WebhookAlertOptions Webhook { get; set; } = new();

    /// <summary>Base URL put in front of the links in a notification (e.g. https://func-x.azurewebsites.net); relative links when unset.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// Name of the group of hosts whose alert timer shares work. Hosts that share a storage account but must not send
    /// each other's alerts (a staging slot, test hosts) use different scopes.
    /// </summary>
    public string Scope { get; set; } = "default";

    /// <summary>Send right after the session write (the latency path). Off leaves every send to the alert timer.</summary>
    public bool InlineDispatch { get; set; } = true;

    /// <summary>
    /// How long a claim on a notification lasts: a new notification is left to the host that created it, and a sender
    /// renews its claim every third of this while its send lasts, so only a sender that died loses it to the timer.
    /// </summary>
    public TimeSpan DispatchLease { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Longest one dispatch round may take before its sends are cancelled and counted as failed (retried later).</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>First retry delay after a failed dispatch; doubles per attempt up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest delay between dispatch retries.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Per clinic id: the warning rules it opted into and its own escalation deadline.</summary>
    public Dictionary<string, ClinicAlertOptions> Clinics { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The numbers the pure policy needs.</summary>
    public AlertPolicyOptions ToPolicy() => new(
        GroupWindow,
        EscalationDeadline,
        Clinics.ToDictionary(
            c => c.Key,
            c => new ClinicAlertPolicy(
                c.Value.WarningRules.SelectMany(r => r.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet(StringComparer.Ordinal),
                c.Value.EscalationDeadline),
            StringComparer.OrdinalIgnoreCase))
    {
        GapHold = GapHold,
    };
}
