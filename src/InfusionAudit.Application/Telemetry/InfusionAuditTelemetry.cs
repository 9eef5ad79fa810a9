using System.Diagnostics;
using System.Diagnostics.Metrics;
using InfusionAudit.Application.Ingestion;
using InfusionAudit.Domain.Findings;

namespace InfusionAudit.Application.Telemetry;

/// <summary>
/// The app's own traces and metrics (OpenTelemetry names <see cref="SourceName"/>), exported by whatever
/// <c>AddInfusionAuditTelemetry</c> (InfusionAudit.Infrastructure) configured, or nowhere.
/// </summary>
/// <remarks>
/// Static so that any layer can record with one line and no constructor change; a measurement without a listener costs
/// almost nothing. Every tag value comes from a closed vocabulary (source, rule id, severity, contract rule, transport,
/// queue name): never an id from a message, so no patient reference, hash or session id can reach a dimension, and the
/// number of time series stays bounded whatever devices send. docs/observability.md lists every instrument.
/// </remarks>
public static class InfusionAuditTelemetry
{
    /// <summary>Name of the <see cref="ActivitySource"/> and of the <see cref="Meter"/>.</summary>
    public const string SourceName = "InfusionAudit";

    public static ActivitySource ActivitySource { get; } = new(SourceName);

    public static Meter Meter { get; } = new(SourceName);

    private static readonly Counter<long> EventsReceived = Meter.CreateCounter<long>("infusionaudit.events.received", "{event}", "Device events read from a message (queue or HTTP), before validation.");
    private static readonly Counter<long> EventsAccepted = Meter.CreateCounter<long>("infusionaudit.events.accepted", "{event}", "Events stored for the first time.");
    private static readonly Counter<long> EventsDuplicate = Meter.CreateCounter<long>("infusionaudit.events.duplicate", "{event}", "Events already stored (redelivery, device retry), skipped by event id.");
    private static readonly Counter<long> EventsRejected = Meter.CreateCounter<long>("infusionaudit.events.rejected", "{event}", "Events refused by the contract, per broken rule.");
    private static readonly Counter<long> Findings = Meter.CreateCounter<long>("infusionaudit.findings", "{finding}", "Findings first stored, per catalogue rule and severity.");
    private static readonly Histogram<double> AlertDispatchDuration = Meter.CreateHistogram<double>("infusionaudit.alerts.dispatch.duration", "s", "Time to hand a batch of alert notifications to one transport.");
    private static readonly Counter<long> AccessRefused = Meter.CreateCounter<long>("infusionaudit.access.refused", "{request}", "Audit reads refused for the caller (401, 403), per route template and status; sampled=false for those not written to the access log.");
    private static readonly Counter<long> AlertDispatchFailures = Meter.CreateCounter<long>("infusionaudit.alerts.dispatch.failures", "{notification}", "Alert notifications a transport did not accept (retried later).");
    private static readonly Histogram<double> QueueMessageAge = Meter.CreateHistogram<double>("infusionaudit.queue.message.age", "s", "Time from a message's insertion into a queue to its trigger run: the backlog a device event waited in.");

    /// <summary>Starts the span of one device message (<c>ingest</c>); dispose it when the message is handled.</summary>
    /// <param name="source"><c>queue</c> or <c>http</c>.</param>
    /// <param name="messageKey">Queue message id or HTTP request id: correlates the span with the host's logs.</param>
    public static Activity? StartIngest(string source, string messageKey)
    {
        var activity = ActivitySource.StartActivity("ingest", ActivityKind.Internal);
        activity?.SetTag("infusionaudit.source", source);
        activity?.SetTag("messaging.message.id", messageKey);
        return activity;
    }

    /// <summary>Counts one handled message's events by outcome and tags the current ingest span with the totals.</summary>
    public static void RecordMessage(string source, IngestResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sourceTag = new KeyValuePair<string, object?>("source", source);
        EventsReceived.Add(result.Events.Count, sourceTag);
        EventsAccepted.Add(result.Accepted, sourceTag);
        EventsDuplicate.Add(result.Duplicate, sourceTag);
        foreach (var group in result.Events.Where(e => e.Status == EventOutcomeStatus.Rejected).GroupBy(e => e.Rejection?.Rule ?? "invalid", StringComparer.Ordinal))
        {
            EventsRejected.Add(group.Count(), sourceTag, new KeyValuePair<string, object?>("rule", group.Key));
        }

        if (Activity.Current is { } activity && activity.Source == ActivitySource)
        {
            activity.SetTag("infusionaudit.events.received", result.Events.Count);
            activity.SetTag("infusionaudit.events.accepted", result.Accepted);
            activity.SetTag("infusionaudit.events.duplicate", result.Duplicate);
            activity.SetTag("infusionaudit.events.rejected", result.Rejected);
        }
    }

    /// <summary>Counts findings stored for the first time, per rule id and severity.</summary>
    public static void RecordFindings(IEnumerable<Finding> newFindings)
    {
        ArgumentNullException.ThrowIfNull(newFindings);
        foreach (var finding in newFindings)
        {
            Findings.Add(1, new KeyValuePair<string, object?>("rule", finding.RuleId), new KeyValuePair<string, object?>("severity", SeverityName(finding.Severity)));
        }
    }

    /// <summary>
    /// Starts the span of one dispatch to one transport; pair it with <see cref="RecordAlertDispatch"/>.
    /// For alert code: <c>using var span = InfusionAuditTelemetry.StartAlertDispatch(transport.Name, batch.Count);</c>.
    /// </summary>
    public static Activity? StartAlertDispatch(string transport, int notifications)
    {
        var activity = ActivitySource.StartActivity("alert dispatch", ActivityKind.Producer);
        activity?.SetTag("infusionaudit.alert.transport", transport);
        activity?.SetTag("infusionaudit.alert.notifications", notifications);
        return activity;
    }

    /// <summary>Records one dispatch to one transport: its duration, and how many notifications it did not accept.</summary>
    /// <param name="transport">The transport's name (<c>queue</c>, <c>serviceBus</c>, <c>webhook</c>).</param>
    /// <param name="elapsed">From the start of the send to its answer.</param>
    /// <param name="failed">Notifications of the batch the transport reported as not sent.</param>
    public static void RecordAlertDispatch(string transport, TimeSpan elapsed, int failed)
    {
        var transportTag = new KeyValuePair<string, object?>("transport", transport);
        AlertDispatchDuration.Record(elapsed.TotalSeconds, transportTag, new KeyValuePair<string, object?>("outcome", failed == 0 ? "success" : "failure"));
        if (failed > 0)
        {
            AlertDispatchFailures.Add(failed, transportTag);
            Activity.Current?.SetStatus(ActivityStatusCode.Error, $"{failed} notification(s) not accepted");
        }
    }

    /// <summary>Counts one refused audit read (401 or 403).</summary>
    /// <param name="route">The route template (a closed set), never the request path.</param>
    /// <param name="status">The status answered.</param>
    /// <param name="sampled">Whether it was also written to the access log.</param>
    public static void RecordRefusal(string route, int status, bool sampled) =>
        AccessRefused.Add(
            1,
            new KeyValuePair<string, object?>("route", route),
            new KeyValuePair<string, object?>("status", status),
            new KeyValuePair<string, object?>("sampled", sampled));

    /// <summary>Records how long a message waited in its queue, at the moment its trigger runs.</summary>
    /// <param name="queue">The queue's name (from configuration, not from the message).</param>
    /// <param name="insertedOn">The message's insertion time; nothing is recorded when the queue did not say.</param>
    /// <param name="now">The trigger's current time.</param>
    public static void RecordQueueAge(string queue, DateTimeOffset? insertedOn, DateTimeOffset now)
    {
        if (insertedOn is { } inserted)
        {
            // Clocks of the storage service and the host differ slightly; a negative age is that skew, not a time machine.
            QueueMessageAge.Record(Math.Max(0, (now - inserted).TotalSeconds), new KeyValuePair<string, object?>("queue", queue));
        }
    }

    private static string SeverityName(Severity severity) => Enum.IsDefined(severity) ? SeverityOrder.Name(severity) : "unknown";
}
