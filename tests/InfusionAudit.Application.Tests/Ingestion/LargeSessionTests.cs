using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using InfusionAudit.Application.Ingestion;
using InfusionAudit.Infrastructure.Storage;
using InfusionAudit.Application.Ports.Sessions;
using InfusionAudit.Infrastructure.Storage.Sessions;
using InfusionAudit.Testing;

namespace InfusionAudit.Application.Tests.Ingestion;

/// <summary>
/// The largest session docs/architecture.md promises to hold: 4 h of 1 Hz vitals (14,400 readings) and 2,000 rate
/// changes in one session, sent as a gateway would (messages of 100 events). Every row must stay within Table Storage's
/// limits (Azurite does not enforce them all, so the test measures), the session must be judged, and
/// <c>GET /api/sessions/{id}</c> must answer.
/// </summary>
public sealed class LargeSessionTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const int Vitals = 14_400;
    private const int RateChanges = 2_000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FourHoursOfOneHertzVitalsAndTwoThousandRateChangesAreStoredJudgedAndReadable()
    {
        var script = new SessionScript(clinicId: "large-01") { Start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - (5 * 3600)) };
        var events = Events(script);
        var clock = Stopwatch.StartNew();
        var accepted = 0;
        var batches = events.Chunk(100).ToList();
        for (var i = 0; i < batches.Count; i++)
        {
            var context = new IngestContext("queue", $"{script.SessionId}-m{i}", script.Start.AddSeconds(4 * 3600 + 600 + i));
            accepted += (await fixture.Host.Ingest.HandleAsync(SessionScript.Batch(batches[i]), context, Ct)).Accepted;
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{events.Count} events in {batches.Count} messages: {clock.Elapsed.TotalSeconds:F1} s");
        accepted.ShouldBe(events.Count);

        // Held in the host's session cache within its default budget: were it not, every message of such a session
        // would read all its rows again (16,000 and more) before judging it.
        fixture.Host.Get<SessionRepository>().Cached(script.ClinicId, script.SessionId).ShouldNotBeNull();

        var partition = await fixture.Host.Get<SessionRepository>().LoadAsync(script.SessionId, Ct);
        var state = partition.State.ShouldNotBeNull();
        state.Status.ShouldBe("Ended");
        state.EventCount.ShouldBe(events.Count);
        partition.Events.Count.ShouldBe(events.Count);
        var stateJson = JsonNode.Parse(state.StateJson)!;
        stateJson["eventCount"]!.GetValue<int>().ShouldBe(events.Count);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"state JSON {System.Text.Encoding.UTF8.GetByteCount(state.StateJson):N0} bytes, patient history {state.PatientHistoryJson?.Length ?? 0:N0} chars, " +
            $"{partition.Findings.Count} findings, largest finding evidence {partition.Findings.Max(f => f.Evidence.Length + f.EvidenceValuesJson.Length):N0} chars");

        // One segment per rate change; the state keeps the last 500 and counts the others.
        stateJson["rateSegments"]!.AsArray().Count.ShouldBe(500);
        stateJson["rateSegmentsOmitted"]!.GetValue<int>().ShouldBe(RateChanges - 500);
        await EveryRowFitsTableStorage(script);

        // The events come a page at a time; every page is a reasonable answer, and the pages hold every event once.
        var client = fixture.Host.Client(TestKeys.Auditor);
        var seen = new List<long>();
        long? from = 0;
        var pages = 0;
        while (from is { } next)
        {
            using var response = await client.GetAsync($"/api/sessions/{script.SessionId}?eventsFrom={next}", Ct);
            var body = await response.Content.ReadAsStringAsync(Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, body.Length > 500 ? body[..500] : body);
            body.Length.ShouldBeLessThan(2_000_000);
            var page = JsonNode.Parse(body)!;
            page["eventCount"]!.GetValue<int>().ShouldBe(events.Count);
            seen.AddRange(page["events"]!.AsArray().Select(e => e!["sequence"]!.GetValue<long>()));
            from = page["nextEventsFrom"]?.GetValue<long>();
            pages++;
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"GET /api/sessions/{{id}}: {pages} pages");
        seen.ShouldBe(Enumerable.Range(0, events.Count).Select(i => (long)i));
    }

    /// <summary>
    /// Azure's limits, which Azurite does not all enforce: an entity of at most 1 MiB by Azure's size formula, at most
    /// 255 properties (3 are the keys and timestamp), strings of at most 32 K characters, binary of at most 64 KiB.
    /// </summary>
    private static async Task EveryRowFitsTableStorage(SessionScript script)
    {
        var table = new TableServiceClient(Azurite.ConnectionString).GetTableClient(TableNames.Sessions);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {script.ClinicId} and RowKey ge {script.SessionId + "|"} and RowKey lt {script.SessionId + "}"}");
        var rows = 0;
        var largest = (Size: 0L, Key: string.Empty);
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: Ct))
        {
            rows++;
            long size = 4 + ((entity.PartitionKey.Length + entity.RowKey.Length) * 2);
            var properties = 0;
            foreach (var (name, value) in entity)
            {
                if (name is "PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")
                {
                    continue;
                }

                properties++;
                size += 8 + (name.Length * 2) + value switch
                {
                    string text => 4 + (text.Length * 2),
                    byte[] binary => 4 + binary.Length,
                    bool => 1,
                    int => 4,
                    _ => 8,
                };
                if (value is string text2)
                {
                    text2.Length.ShouldBeLessThanOrEqualTo(32 * 1024, $"{entity.RowKey}.{name}");
                }

                if (value is byte[] bytes)
                {
                    bytes.Length.ShouldBeLessThanOrEqualTo(64 * 1024, $"{entity.RowKey}.{name}");
                }
            }

            properties.ShouldBeLessThanOrEqualTo(252, entity.RowKey);
            if (size > largest.Size)
            {
                largest = (size, entity.RowKey);
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{rows} rows; largest {largest.Key}: {largest.Size:N0} bytes");
        largest.Size.ShouldBeLessThanOrEqualTo(1024 * 1024);
    }

    /// <summary>A 4 h session: start, a reading each second, a rate change every 7.2 s between two rates, stop, end.</summary>
    private static List<JsonObject> Events(SessionScript script)
    {
        var events = new List<JsonObject> { script.Started(durationMin: 240, doseMgPerKg: 2) };
        var interval = 4 * 3600.0 / RateChanges;
        var nextRate = 0;
        for (var second = 1; second <= Vitals; second++)
        {
            while (nextRate < RateChanges && nextRate * interval < second)
            {
                events.Add(script.Rate(TimeSpan.FromSeconds(nextRate * interval), nextRate % 2 == 0 ? 35 : 36));
                nextRate++;
            }

            events.Add(script.Vitals(TimeSpan.FromSeconds(second), heartRate: 70 + (second % 7)));
        }

        events.Add(script.Rate(TimeSpan.FromSeconds(Vitals + 1), 0));
        events.Add(script.Ended(TimeSpan.FromSeconds(Vitals + 60)));
        return events;
    }
}
