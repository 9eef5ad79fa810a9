using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using InfusionAudit.Application.Configuration;
using InfusionAudit.Application.Sessions;
using InfusionAudit.Domain.Privacy;
using InfusionAudit.Testing;
using OpenTelemetry.Metrics;

namespace InfusionAudit.Infrastructure.Tests.Telemetry;

/// <summary>
/// Events with a known patient reference go through the real local host (HTTP and the queue trigger). What the
/// OpenTelemetry pipeline exports (spans, metrics, log records) has the expected counts, and neither the reference
/// nor its keyed hash anywhere.
/// </summary>
[Collection(nameof(TelemetryCollection))]
public sealed class TelemetryPrivacyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARunExportsTheExpectedCountsAndNoPatientReferenceOrHashAnywhere()
    {
        await using var host = await TelemetryCapture.StartAsync();
        var patientRef = "MRN-TELEMETRY-" + Random.Shared.Next(100000, 999999).ToString(CultureInfo.InvariantCulture);
        var patientHash = new PatientPseudonymizer(PatientHashKey.Parse(TestKeys.PatientHash)).ForClinic(new SessionScript().ClinicId).Hash(patientRef);
        var overRate = new SessionScript { PatientRef = patientRef };
        var viaQueue = new SessionScript { PatientRef = patientRef };
        var producer = host.Client(TestKeys.Producer);

        // HTTP: 4 accepted (a rate far above the protocol's limit, so findings), then the same 4 again (duplicates),
        // then 2 rejected events that still carry the patient reference in their text.
        var first = SessionScript.Batch([overRate.Started(), overRate.Rate(TimeSpan.FromSeconds(30), 400), overRate.Vitals(TimeSpan.FromMinutes(5)), overRate.Ended(TimeSpan.FromMinutes(10))]);
        (await producer.PostAsync("/api/events", Json(first), Ct)).EnsureSuccessStatusCode().Dispose();
        (await producer.PostAsync("/api/events", Json(first), Ct)).EnsureSuccessStatusCode().Dispose();
        var missingId = new SessionScript { PatientRef = patientRef }.Started();
        missingId.Remove("eventId");
        var badWeight = new SessionScript { PatientRef = patientRef }.Started(weightKg: -3);
        (await producer.PostAsync("/api/events", Json(SessionScript.Batch([missingId, badWeight])), Ct)).EnsureSuccessStatusCode().Dispose();

        // Queue: a standard session of 9 events through the WebJobs trigger (queue age is recorded there).
        var queue = new QueueClient(Azurite.ConnectionString, host.EventsQueue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.CreateIfNotExistsAsync(cancellationToken: Ct);
        await queue.SendMessageAsync(SessionScript.Batch(viaQueue.StandardIvSession()), Ct);
        var sessions = host.Services.GetService(typeof(SessionQueryHandler)) as SessionQueryHandler ?? throw new InvalidOperationException("no SessionQueryHandler");
        var queued = await Eventually.Until(() => sessions.GetAsync(viaQueue.SessionId, Ct), s => s?.Events.Count == 9, TimeSpan.FromSeconds(60), s => $"{s?.Events.Count} events");

        queued.ShouldNotBeNull();
        var stored = (await sessions.GetAsync(overRate.SessionId, Ct))!.Findings.Concat(queued.Findings).ToList();
        host.Flush();

        // Expected numbers.
        Sum("infusionaudit.events.received", host).ShouldBe(4 + 4 + 2 + 9);
        Sum("infusionaudit.events.accepted", host).ShouldBe(4 + 9);
        Sum("infusionaudit.events.duplicate", host).ShouldBe(4);
        Sum("infusionaudit.events.rejected", host).ShouldBe(2);
        Sum("infusionaudit.events.received", host, ("source", "queue")).ShouldBe(9);
        Sum("infusionaudit.events.rejected", host, ("rule", "required")).ShouldBe(1);
        stored.ShouldNotBeEmpty();
        foreach (var group in stored.GroupBy(f => (f.RuleId, f.Severity)))
        {
            Sum("infusionaudit.findings", host, ("rule", group.Key.RuleId), ("severity", group.Key.Severity)).ShouldBe(group.Count(), $"{group.Key}");
        }

        Sum("infusionaudit.findings", host).ShouldBe(stored.Count);
        HistogramCount("infusionaudit.queue.message.age", host, ("queue", "events")).ShouldBe(1);
        host.Spans.Count(s => s.Source.Name == "InfusionAudit" && s.DisplayName == "ingest").ShouldBe(4);

        // Critical findings raise alerts, sent right after the session write on the local default transport (the queue).
        stored.ShouldContain(f => f.Severity == "critical");
        await Eventually.Until(
            () => { host.Flush(); return Task.FromResult(HistogramCount("infusionaudit.alerts.dispatch.duration", host, ("transport", "queue"))); },
            n => n > 0,
            TimeSpan.FromSeconds(30));

        // One session has critical findings (the over-rate one): its alerts go out together, in one dispatch.
        HistogramCount("infusionaudit.alerts.dispatch.duration", host, ("transport", "queue"), ("outcome", "success")).ShouldBe(1);
        Sum("infusionaudit.alerts.dispatch.failures", host).ShouldBe(0);
        host.Spans.ShouldContain(s => s.Source.Name == "InfusionAudit" && s.DisplayName == "alert dispatch");
        host.Logs.ShouldNotBeEmpty();

        // Nothing exported names the patient, in clear or hashed (nor the hash's hex digits without their prefix).
        var hex = patientHash[^64..];
        var exported = ExportedText(host);
        exported.ShouldNotContain(patientRef, Case.Insensitive);
        exported.ShouldNotContain(hex, Case.Insensitive);
        // The dump is what was checked: it holds the spans, the metrics and the handler's log lines.
        exported.ShouldContain("span InfusionAudit ingest");
        exported.ShouldContain("metric InfusionAudit infusionaudit.findings");
        exported.ShouldContain("accepted, ");
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>The last export of a metric (cumulative), its points' sums for the points that have all the given tags.</summary>
    private static long Sum(string name, TelemetryCapture host, params (string Key, string Value)[] tags) =>
        Points(name, host, tags).Sum(p => p.GetSumLong());

    private static long HistogramCount(string name, TelemetryCapture host, params (string Key, string Value)[] tags) =>
        Points(name, host, tags).Sum(p => p.GetHistogramCount());

    private static List<MetricPoint> Points(string name, TelemetryCapture host, (string Key, string Value)[] tags)
    {
        var last = host.Metrics.LastOrDefault(m => m.Name == name);
        if (last is null)
        {
            return [];
        }

        return [.. last.MetricPoints.Where(p => tags.All(t => Tags(p).Any(kv => kv.Key == t.Key && Equals(kv.Value?.ToString(), t.Value))))];
    }

    private static List<KeyValuePair<string, object?>> Tags(MetricPoint point)
    {
        var list = new List<KeyValuePair<string, object?>>();
        foreach (var tag in point.Tags)
        {
            list.Add(tag);
        }

        return list;
    }

    /// <summary>Every string an exporter would send: span names, tags, events and status; metric names and dimensions; log text and attributes.</summary>
    private static string ExportedText(TelemetryCapture host)
    {
        var text = new StringBuilder();
        foreach (var span in host.Spans)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"span {span.Source.Name} {span.DisplayName} {span.OperationName} {span.StatusDescription}");
            foreach (var tag in span.TagObjects)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {tag.Key}={tag.Value}");
            }

            foreach (var spanEvent in span.Events)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  event {spanEvent.Name}");
                foreach (var tag in spanEvent.Tags)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"    {tag.Key}={tag.Value}");
                }
            }

            foreach (var baggage in span.Baggage)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  baggage {baggage.Key}={baggage.Value}");
            }
        }

        foreach (var metric in host.Metrics)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"metric {metric.MeterName} {metric.Name} {metric.Description}");
            foreach (var point in metric.MetricPoints)
            {
                foreach (var tag in Tags(point))
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"  {tag.Key}={tag.Value}");
                }
            }
        }

        foreach (var log in host.Logs)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"log {log.CategoryName} {log.LogLevel} {log.EventId} {log.FormattedMessage} {log.Body} {log.Exception}");
            foreach (var attribute in log.Attributes ?? [])
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {attribute.Key}={attribute.Value}");
            }
        }

        return text.ToString();
    }
}
