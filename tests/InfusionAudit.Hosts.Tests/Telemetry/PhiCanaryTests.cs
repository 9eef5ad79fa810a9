using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using InfusionAudit.Simulator.Generation;
using InfusionAudit.Testing;

namespace InfusionAudit.Hosts.Tests.Telemetry;

/// <summary>
/// The PHI canary: a simulated clinic day whose patient references are canaries, plus every way a producer can get a
/// reference past the contract (misspelt, cased or escaped keys, lone surrogates, rejected starts, broken and
/// oversized text, JSON inside a string, a protocol id, a queue message that is not base64), sent over HTTP and the
/// queue to the real local host. Then every table, every queue (events, poison, alerts), every HTTP answer and audit
/// read, the captured logs and the telemetry export are scanned: not one canary in clear.
/// </summary>
[Collection(nameof(TelemetryCollection))]
public sealed class PhiCanaryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task NoCanaryPatientReferenceIsStoredReturnedLoggedOrSentAnywhere()
    {
        await using var host = await TelemetryCapture.StartAsync();
        var tag = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var clinic = "phi-" + tag.ToLowerInvariant();
        var canaries = new List<string>();
        var answers = new StringBuilder();
        var producer = host.Client(TestKeys.Producer);
        var queue = new QueueClient(Azurite.ConnectionString, host.EventsQueue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.CreateIfNotExistsAsync(cancellationToken: Ct);

        // 1. A simulated clinic day (every scenario, bad fields and duplicates included), half over HTTP, half queued.
        var day = new ClinicDayGenerator(new ClinicDayOptions
        {
            ClinicId = clinic,
            Start = DateTimeOffset.UtcNow.AddHours(-10),
            Seed = 7,
            Sessions = 12,
            IdPrefix = "Q" + tag,
            Mix = ScenarioMix.Clinical,
        }).Generate().ToList();
        foreach (var session in day)
        {
            foreach (var e in session.RecordedEvents.Where(e => e.Json.Contains("\"SessionStarted\"", StringComparison.Ordinal)))
            {
                canaries.Add(JsonNode.Parse(e.Json)!["payload"]!["patientRef"]!.GetValue<string>());
            }
        }

        var viaQueue = new List<string>();
        foreach (var (session, i) in day.Select((s, i) => (s, i)))
        {
            foreach (var chunk in session.Events.Chunk(40))
            {
                var message = "[" + string.Join(",", chunk.Select(e => e.Json)) + "]";
                if (i % 2 == 0)
                {
                    answers.AppendLine(await Post(producer, message));
                }
                else
                {
                    await queue.SendMessageAsync(message, Ct);
                    viaQueue.Add(session.SessionId);
                }
            }
        }

        // 2. Every way around the contract, each with its own canary.
        string Canary(string what)
        {
            var value = $"CNRY{tag}{what}";
            canaries.Add(value);
            return value;
        }

        var hostile = new SessionScript(clinicId: clinic);
        JsonObject Start(string? canary = null, string key = "patientRef")
        {
            var start = new SessionScript(clinicId: clinic) { PatientRef = canary ?? Canary("P" + canaries.Count) }.Started();
            if (key != "patientRef")
            {
                var payload = start["payload"]!.AsObject();
                var value = payload["patientRef"]!.GetValue<string>();
                payload.Remove("patientRef");
                payload[key] = value;
            }

            return start;
        }

        var casedOnly = Start(key: "PatientRef");
        var both = Start();
        both["payload"]!["patient_ref"] = Canary("SNAKE");
        var rejectedStart = Start();
        rejectedStart["payload"]!["weightKg"] = -1;
        var unknownProtocol = Start();
        // protocolId is not a patient field: the audit copy of the event keeps it as sent, but it must never be echoed
        // into findings, alerts, pages, logs or telemetry (scanned separately below).
        var protocolCanary = $"CNRY{tag}PROTO";
        unknownProtocol["payload"]!["protocolId"] = protocolCanary;
        var stringEncoded = Start();
        stringEncoded["payload"]!["extra"] = new JsonObject { ["patientRef"] = Canary("NESTED") }.ToJsonString();
        var tooLarge = Start();
        tooLarge["payload"]!["deviceLog"] = new string('x', 70 * 1024);
        var note = hostile.Event("AdverseEffectObserved", TimeSpan.FromMinutes(1), new JsonObject
        {
            ["effect"] = "nausea",
            ["severity"] = "mild",
            ["note"] = $"patientRef: {Canary("NOTE")}",
        });
        answers.AppendLine(await Post(producer, SessionScript.Batch([casedOnly, both, rejectedStart, unknownProtocol, stringEncoded, tooLarge, note])));

        var escapedKey = Start().ToJsonString().Replace("\"patientRef\"", "\"patient\\u0052ef\"", StringComparison.Ordinal);
        var loneSurrogates = Start().ToJsonString()
            .Replace("\"patientRef\"", "\"patientRef\\ud800\"", StringComparison.Ordinal)
            .Replace("\"route\"", "\"x\\udc00\":\"\\ud800\",\"route\"", StringComparison.Ordinal);
        answers.AppendLine(await Post(producer, "[" + escapedKey + "," + loneSurrogates + "]"));
        answers.AppendLine(await Post(producer, $$"""{"clinicId":"{{clinic}}","payload":{"Patient\u005fRef":"{{Canary("BROKEN")}}", "weightKg": """));
        answers.AppendLine(await Post(producer, $$"""patientRef={{Canary("FORM")}}&clinicId={{clinic}}"""));
        answers.AppendLine(await Post(producer, $$$"""[{"payload":{"patientRef":"{{{Canary("HUGE")}}}"}}, "{{{new string(' ', 1_100_000)}}}"]"""));
        await queue.SendMessageAsync(Start().ToJsonString().Replace("\"patientRef\"", "\"PATIENT-REF\"", StringComparison.Ordinal), Ct);
        var raw = new QueueClient(Azurite.ConnectionString, host.EventsQueue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        await raw.SendMessageAsync(Start().ToJsonString(), Ct);

        // 3. Let the queue drain and the alerts go out.
        await Eventually.Until(async () => (await queue.GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount, n => n == 0, TimeSpan.FromSeconds(120));
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);
        host.Flush();

        // 4. What the API returns to its readers.
        var auditor = host.Client(TestKeys.Auditor);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var yesterday = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        answers.AppendLine(await Get(auditor, $"/api/clinics/{clinic}/rejected?from={yesterday}&to={today}"));
        foreach (var session in day.Take(4).Append(day.First(s => viaQueue.Contains(s.SessionId))))
        {
            answers.AppendLine(await Get(auditor, $"/api/sessions/{session.SessionId}"));
            answers.AppendLine(await Get(auditor, $"/api/sessions/{session.SessionId}/timeline"));
        }

        var unknownSession = unknownProtocol["sessionId"]!.GetValue<string>();
        var unknownTimeline = await Get(auditor, $"/api/sessions/{unknownSession}/timeline");
        unknownTimeline.ShouldContain("PROTOCOL-UNKNOWN");
        answers.AppendLine(unknownTimeline);
        var alertsRead = await Get(host.Client(TestKeys.OnCall), $"/api/alerts?clinicId={clinic}&state=open");
        alertsRead.ShouldContain("PROTOCOL-UNKNOWN");
        alertsRead.ShouldNotContain(protocolCanary);

        // 5. The scan.
        var hits = new List<string>();
        void Scan(string where, string? text, bool echoed = false)
        {
            if (text is null)
            {
                return;
            }

            foreach (var canary in echoed ? canaries.Append(protocolCanary) : canaries)
            {
                if (text.Contains(canary, StringComparison.OrdinalIgnoreCase))
                {
                    hits.Add($"{where}: {canary}");
                }
            }
        }

        Scan("http answers", answers.ToString());
        var tablesScanned = 0;
        var tables = new TableServiceClient(Azurite.ConnectionString);
        await foreach (var table in tables.QueryAsync(cancellationToken: Ct))
        {
            tablesScanned++;
            await foreach (var entity in tables.GetTableClient(table.Name).QueryAsync<TableEntity>(cancellationToken: Ct))
            {
                foreach (var (name, value) in entity)
                {
                    Scan(
                        $"table {table.Name} {name}",
                        value switch
                        {
                            string s => s,
                            byte[] b => Encoding.UTF8.GetString(b),
                            BinaryData d => d.ToString(),
                            _ => value?.ToString(),
                        },
                        echoed: table.Name.StartsWith("Alert", StringComparison.Ordinal) || table.Name == "FindingsByClinic");
                }
            }
        }

        var queuesScanned = 0;
        var queues = new QueueServiceClient(Azurite.ConnectionString);
        await foreach (var item in queues.GetQueuesAsync(cancellationToken: Ct))
        {
            queuesScanned++;
            var client = queues.GetQueueClient(item.Name);
            foreach (var message in (await client.PeekMessagesAsync(32, Ct)).Value)
            {
                var body = message.Body.ToString();
                Scan($"queue {item.Name}", body, echoed: true);
                Scan($"queue {item.Name} (base64)", TryBase64(body), echoed: true);
            }
        }

        Scan("telemetry and logs", TelemetryText(host), echoed: true);

        hits.ShouldBeEmpty();
        canaries.Count.ShouldBeGreaterThan(20);
        tablesScanned.ShouldBeGreaterThan(5);
        queuesScanned.ShouldBeGreaterThanOrEqualTo(2);
        host.Logs.ShouldNotBeEmpty();
        answers.ToString().ShouldContain("\"rejected\"");
    }

    private static async Task<string> Post(HttpClient client, string body)
    {
        using var response = await client.PostAsync("/api/events", new StringContent(body, Encoding.UTF8, "application/json"), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        ((int)response.StatusCode).ShouldBeLessThan(500, text);
        return text;
    }

    private static async Task<string> Get(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{path}: {text}");
        return text;
    }

    private static string? TryBase64(string text)
    {
        var bytes = new byte[text.Length];
        return Convert.TryFromBase64String(text, bytes, out var length) ? Encoding.UTF8.GetString(bytes, 0, length) : null;
    }

    /// <summary>Everything an exporter would send: spans with tags and events, metric names and dimensions, log text and attributes.</summary>
    private static string TelemetryText(TelemetryCapture host)
    {
        var text = new StringBuilder();
        foreach (var span in host.Spans.ToList())
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{span.DisplayName} {span.StatusDescription}");
            foreach (var tag in span.TagObjects)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"{tag.Key}={tag.Value}");
            }

            foreach (var spanEvent in span.Events)
            {
                text.AppendLine(spanEvent.Name);
                foreach (var tag in spanEvent.Tags)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"{tag.Key}={tag.Value}");
                }
            }
        }

        foreach (var metric in host.Metrics.ToList())
        {
            text.AppendLine(metric.Name);
            foreach (var point in metric.MetricPoints)
            {
                foreach (var tag in point.Tags)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"{tag.Key}={tag.Value}");
                }
            }
        }

        foreach (var log in host.Logs.ToList())
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{log.CategoryName} {log.FormattedMessage} {log.Body} {log.Exception}");
            foreach (var attribute in log.Attributes ?? [])
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"{attribute.Key}={attribute.Value}");
            }
        }

        return text.ToString();
    }
}
