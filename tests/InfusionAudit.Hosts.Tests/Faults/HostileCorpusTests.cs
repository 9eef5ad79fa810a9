using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using CsCheck;
using InfusionAudit.Application.Sessions;
using InfusionAudit.Domain.Contract;
using InfusionAudit.Infrastructure.Storage;
using InfusionAudit.Application.Ports.Rejections;
using InfusionAudit.Infrastructure.Storage.Rejections;
using InfusionAudit.Testing;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;

namespace InfusionAudit.Hosts.Tests.Faults;

/// <summary>
/// Issue 11, fault-injection suite: a generated hostile corpus (<see cref="HostileCorpus"/>) through the real local host,
/// over loopback HTTP and over its storage queue, on a private Azurite so every row can be counted. No 5xx, no error or
/// exception in the host's log, the host still answers, nothing poisoned, every element accounted for (accepted and
/// stored, duplicate of a stored id, or a stored rejection), and no canary patient reference in any table, queue,
/// answer or log line.
/// </summary>
/// <remarks>
/// The seed is fixed so CI runs the same corpus; <c>INFUSIONAUDIT_CORPUS_SEED</c> and <c>INFUSIONAUDIT_CORPUS_INPUTS</c>
/// (inputs per transport) run another or a larger one. A failure prints the input's index, kind and text; run with that
/// seed to get it again.
/// </remarks>
public sealed class HostileCorpusTests
{
    private const ulong DefaultSeed = 20261204;
    private const int DefaultInputs = 120;

    /// <summary>A queue message holds 64 KiB; larger generated bodies only go over HTTP.</summary>
    private const int MaxQueueChars = 64 * 1024;

    /// <summary>InfusionAuditOptions.MaxHttpBodyBytes by default.</summary>
    private const int MaxHttpBodyBytes = 1024 * 1024;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AGeneratedHostileCorpusGetsNo500AndEveryElementIsAccountedForOverHttpAndTheQueue()
    {
        var seed = ulong.TryParse(Environment.GetEnvironmentVariable("INFUSIONAUDIT_CORPUS_SEED"), CultureInfo.InvariantCulture, out var s) ? s : DefaultSeed;
        var inputs = int.TryParse(Environment.GetEnvironmentVariable("INFUSIONAUDIT_CORPUS_INPUTS"), CultureInfo.InvariantCulture, out var n) ? n : DefaultInputs;
        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine($"hostile corpus: seed {seed}, {inputs} inputs per transport (INFUSIONAUDIT_CORPUS_SEED / INFUSIONAUDIT_CORPUS_INPUTS)");
        var clock = Stopwatch.StartNew();

        await using var azurite = await OnDiskAzurite.StartAsync();
        var logs = new List<LogRecord>();
        await using var host = await TestHost.StartAsync(
            storage: azurite.ConnectionString,
            hostJsonPath: Path.Combine(RepositoryPaths.Root, "host.json"),
            settings: new Dictionary<string, string?>
            {
                ["LocalHost:Clock"] = "off",
                ["LocalHost:AlertClock"] = "off",
                ["Logging:LogLevel:Default"] = "Debug",
                ["Logging:LogLevel:Microsoft"] = "Information",
                ["Logging:LogLevel:System"] = "Information",
                ["Logging:LogLevel:Azure"] = "Information",
            },
            services: services => services.ConfigureOpenTelemetryLoggerProvider(logging => logging.AddInMemoryExporter(logs)));

        var tag = seed.ToString("x", CultureInfo.InvariantCulture);
        var viaHttp = new HostileCorpus("h" + tag);
        var viaQueue = new HostileCorpus("q" + tag);
        var problems = new List<string>();
        var answers = new StringBuilder();

        // 1. HTTP: every answer below 500, one result per element, and what each result promises.
        var httpMessages = Generate(viaHttp, seed, inputs);
        var expectedHttpRules = new List<string>();
        var promised = new List<(string ClinicId, string SessionId, string EventId, string Where)>();
        var statuses = new SortedDictionary<int, int>();
        using var producer = host.Client(TestKeys.Producer);
        foreach (var (message, i) in httpMessages.Select((m, i) => (m, i)))
        {
            using var content = new ByteArrayContent(message.Body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await producer.PostAsync("/api/events", content, Ct);
            var answer = await response.Content.ReadAsStringAsync(Ct);
            answers.AppendLine(answer);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var parsed = EventParser.Parse(Encoding.UTF8.GetString(message.Body));
            if (status >= 500)
            {
                problems.Add($"http #{i} ({message.Kind}): {status} {Cut(answer)}\n  input: {Show(message)}");
                continue;
            }

            if (status is 400 or 413)
            {
                // Refused whole: the one row holds the body (its start, past the body limit) and the contract's reason.
                expectedHttpRules.Add(message.Body.Length > MaxHttpBodyBytes ? "body-size" : parsed.Events[0].Rejection?.Rule ?? "?");
                continue;
            }

            if (status != 202)
            {
                problems.Add($"http #{i} ({message.Kind}): unexpected {status} {Cut(answer)}");
                continue;
            }

            var results = System.Text.Json.Nodes.JsonNode.Parse(answer)!["results"]!.AsArray();
            if (results.Count != parsed.Events.Count)
            {
                problems.Add($"http #{i} ({message.Kind}): {results.Count} results for {parsed.Events.Count} elements\n  input: {Show(message)}");
            }

            foreach (var result in results)
            {
                var index = result!["index"]!.GetValue<int>();
                switch (result["status"]!.GetValue<string>())
                {
                    case "rejected":
                        expectedHttpRules.Add(result["rejection"]!["rule"]!.GetValue<string>());
                        break;
                    case "accepted" or "duplicate" when parsed.Events[index].Event is { } accepted:
                        promised.Add((accepted.ClinicId, accepted.SessionId, accepted.EventId, $"http #{i} ({message.Kind}) element {index}"));
                        break;
                    default:
                        problems.Add($"http #{i} ({message.Kind}) element {index}: {result.ToJsonString()} but the contract parser says {parsed.Events[index].Rejection?.Rule ?? "?"}");
                        break;
                }
            }
        }

        // 2. The queue: base64 as the contract says (raw text for the not-base64 cases); what does not fit a queue message is left out.
        var queueMessages = Generate(viaQueue, seed + 1, inputs);
        var queue = new QueueClient(azurite.ConnectionString, host.EventsQueue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        await queue.CreateIfNotExistsAsync(cancellationToken: Ct);
        var sent = new List<(string MessageId, HostileMessage Message, ParsedMessage? Parsed)>();
        var tooLargeForQueue = 0;
        foreach (var message in queueMessages)
        {
            var body = message.NotBase64 ? Encoding.UTF8.GetString(message.Body) : Convert.ToBase64String(message.Body);
            if (body.Length > MaxQueueChars)
            {
                tooLargeForQueue++;
                continue;
            }

            var receipt = await queue.SendMessageAsync(body, Ct);
            var decodable = TryBase64(body, out var decoded);
            sent.Add((receipt.Value.MessageId, message, decodable ? EventParser.Parse(decoded) : null));
        }

        await Eventually.Require(
            "the event queue drains",
            async () => (await queue.GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount,
            count => count == 0,
            TimeSpan.FromSeconds(90),
            count => $"{count} messages left");

        // 3. Accounting, from storage.
        var rejections = new List<RejectedEventRow>();
        await foreach (var entity in new TableClient(azurite.ConnectionString, TableNames.RejectedEvents).QueryAsync<TableEntity>(cancellationToken: Ct))
        {
            rejections.Add(new RejectedEventRow(
                entity.GetString("ClinicId"), entity.GetString("SessionId"), entity.GetString("EventId"), default, entity.GetString("Source") ?? "",
                entity.GetString("MessageKey") ?? "", entity.GetInt32("Index") ?? -1, entity.GetString("Field") ?? "", entity.GetString("Rule") ?? "", entity.GetString("Message") ?? "", "", false));
        }

        var httpRows = rejections.Where(r => r.Source == "http").ToList();
        if (httpRows.Count != expectedHttpRules.Count)
        {
            problems.Add($"http: {expectedHttpRules.Count} rejections answered, {httpRows.Count} stored");
        }

        var answeredRules = expectedHttpRules.Order(StringComparer.Ordinal).ToList();
        var storedRules = httpRows.Select(r => r.Rule).Order(StringComparer.Ordinal).ToList();
        if (!answeredRules.SequenceEqual(storedRules))
        {
            problems.Add($"http: rules answered [{string.Join(",", answeredRules)}] but stored [{string.Join(",", storedRules)}]");
        }

        var queueRows = rejections.Where(r => r.Source == "queue").ToLookup(r => r.MessageKey);
        foreach (var (messageId, message, parsed) in sent)
        {
            var rejectedIndexes = queueRows[messageId].Select(r => r.Index).ToHashSet();
            if (parsed is null || parsed.Problem is not null)
            {
                if (!rejectedIndexes.Contains(0))
                {
                    problems.Add($"queue {messageId} ({message.Kind}): no stored rejection for a message the contract rejects whole\n  input: {Show(message)}");
                }

                continue;
            }

            foreach (var element in parsed.Events.Where(e => !rejectedIndexes.Contains(e.Index)))
            {
                if (element.Event is { } accepted)
                {
                    promised.Add((accepted.ClinicId, accepted.SessionId, accepted.EventId, $"queue {messageId} ({message.Kind}) element {element.Index}"));
                }
                else
                {
                    problems.Add($"queue {messageId} ({message.Kind}) element {element.Index}: rejected ({element.Rejection?.Rule}) but no rejection stored\n  input: {Show(message)}");
                }
            }
        }

        var unknownKeys = queueRows.Select(g => g.Key).Except(sent.Select(m => m.MessageId)).ToList();
        if (unknownKeys.Count > 0)
        {
            problems.Add($"queue: rejections stored for messages never sent: {string.Join(", ", unknownKeys)}");
        }

        var sessions = host.Get<SessionQueryHandler>();
        var stored = new Dictionary<(string, string), HashSet<string>>();
        foreach (var key in promised.Select(p => (p.ClinicId, p.SessionId)).Distinct())
        {
            var session = await sessions.GetAsync(key.ClinicId, key.SessionId, 0, SessionQueryHandler.MaxEventsLimit, Ct);
            stored[key] = session?.Events.Select(e => e.EventId).ToHashSet(StringComparer.Ordinal) ?? [];
        }

        problems.AddRange(promised.Where(p => !stored[(p.ClinicId, p.SessionId)].Contains(p.EventId)).Select(p => $"{p.Where}: {p.EventId} answered as accepted or duplicate but not stored in {p.SessionId} at {p.ClinicId}"));

        // 4. Nothing poisoned, the host still up, no error in its log.
        var poison = new QueueClient(azurite.ConnectionString, host.EventsQueue + "-poison");
        if (await poison.ExistsAsync(Ct) && (await poison.GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount is > 0 and var poisoned)
        {
            problems.Add($"{poisoned} message(s) in the poison queue");
        }

        using (var health = await host.Client(null).GetAsync("/health", Ct))
        {
            if (!health.IsSuccessStatusCode)
            {
                problems.Add($"/health answers {(int)health.StatusCode} after the corpus");
            }
        }

        host.Get<LoggerProvider>().ForceFlush();
        var logLines = logs.ToList();
        // The Azure SDK forwards its event sources process-wide: a Service Bus error of another test class running at the
        // same time (ServiceBusAlertTransportTests' rejecting broker) reaches this host's log. This host sends no Service Bus
        // message, so such records are not its own.
        problems.AddRange(logLines.Where(l => (l.LogLevel >= LogLevel.Error || l.Exception is not null) && !(l.CategoryName?.StartsWith("Azure.Messaging.ServiceBus", StringComparison.Ordinal) ?? false))
            .Select(l => $"log {l.LogLevel} {l.CategoryName}: {l.FormattedMessage ?? l.Body} {l.Exception?.GetType().Name}: {Cut(l.Exception?.Message ?? "")}"));

        // 5. No canary in clear anywhere.
        var canaries = viaHttp.Canaries.Concat(viaQueue.Canaries).Distinct(StringComparer.Ordinal).ToList();
        var everything = new List<(string Where, string? Text)> { ("http answers", answers.ToString()) };
        foreach (var log in logLines)
        {
            everything.Add(($"log {log.CategoryName}", $"{log.FormattedMessage} {log.Body} {log.Exception}"));
            everything.AddRange((log.Attributes ?? []).Select(a => ($"log {log.CategoryName} {a.Key}", Convert.ToString(a.Value, CultureInfo.InvariantCulture))));
        }

        var tables = new TableServiceClient(azurite.ConnectionString);
        await foreach (var table in tables.QueryAsync(cancellationToken: Ct))
        {
            await foreach (var entity in tables.GetTableClient(table.Name).QueryAsync<TableEntity>(cancellationToken: Ct))
            {
                foreach (var (name, value) in entity)
                {
                    everything.Add(($"table {table.Name} {entity.RowKey} {name}", value switch
                    {
                        byte[] b => Encoding.UTF8.GetString(b),
                        BinaryData d => d.ToString(),
                        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
                    }));
                }
            }
        }

        var queues = new QueueServiceClient(azurite.ConnectionString);
        await foreach (var item in queues.GetQueuesAsync(cancellationToken: Ct))
        {
            foreach (var message in (await queues.GetQueueClient(item.Name).PeekMessagesAsync(32, Ct)).Value)
            {
                var body = message.Body.ToString();
                everything.Add(($"queue {item.Name}", body + "\n" + (TryBase64(body, out var decoded) ? decoded : "")));
            }
        }

        problems.AddRange(
            from place in everything
            from canary in canaries
            where place.Text?.Contains(canary, StringComparison.OrdinalIgnoreCase) == true
            select $"canary {canary} in clear in {place.Where}: …{Around(place.Text!, canary)}…");

        var storedElements = promised.Count;
        output?.WriteLine(
            $"hostile corpus: {httpMessages.Count} HTTP messages (status {string.Join(", ", statuses.Select(kv => $"{kv.Key}×{kv.Value}"))}), " +
            $"{sent.Count} queue messages ({tooLargeForQueue} too large for a queue message, sent over HTTP only); " +
            $"{storedElements} elements accepted or duplicate and stored, {rejections.Count} stored rejections " +
            $"({string.Join(", ", rejections.GroupBy(r => r.Rule).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}"))}); " +
            $"{canaries.Count} canaries, {logLines.Count} log records; {problems.Count} problems; {clock.Elapsed.TotalSeconds:F1} s");
        foreach (var kind in httpMessages.Concat(queueMessages).GroupBy(m => m.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            output?.WriteLine($"  {kind.Key}: {kind.Count()}");
        }

        problems.ShouldBeEmpty(string.Join("\n", problems.Take(20)));
        storedElements.ShouldBeGreaterThan(inputs / 4, "a corpus that is all rejections would not test the write path");
        rejections.Count.ShouldBeGreaterThan(inputs / 4);
    }

    private static List<HostileMessage> Generate(HostileCorpus corpus, ulong seed, int inputs)
    {
        var pcg = new PCG(1, seed);
        var messages = new List<HostileMessage>();
        for (var i = 0; i < inputs; i++)
        {
            messages.AddRange(corpus.Messages.Generate(pcg, null, out _));
        }

        return messages;
    }

    private static bool TryBase64(string text, out string decoded)
    {
        var bytes = new byte[(text.Length / 4 * 3) + 3];
        var ok = Convert.TryFromBase64String(text, bytes, out var length);
        decoded = ok ? Encoding.UTF8.GetString(bytes, 0, length) : string.Empty;
        return ok;
    }

    private static string Around(string text, string canary)
    {
        var at = text.IndexOf(canary, StringComparison.OrdinalIgnoreCase);
        var from = Math.Max(0, at - 200);
        return text[from..Math.Min(text.Length, at + canary.Length + 40)];
    }

    private static string Cut(string text) => text.Length <= 400 ? text : text[..400] + "…";

    private static string Show(HostileMessage message) => Cut(Encoding.UTF8.GetString(message.Body).Replace("\n", "\\n", StringComparison.Ordinal));
}
