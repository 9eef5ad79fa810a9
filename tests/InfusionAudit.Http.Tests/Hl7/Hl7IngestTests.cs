using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using InfusionAudit.Hl7;
using InfusionAudit.Hl7.Er7;
using InfusionAudit.Application.Ports.Rejections;
using InfusionAudit.Infrastructure.Storage.Rejections;
using InfusionAudit.Testing;

namespace InfusionAudit.Http.Tests.Hl7;

/// <summary>
/// <c>POST /api/hl7v2</c> on the real local host and Azurite: PCD-01 and PCD-10 messages become stored events with the
/// same findings as the equivalent JSON; a broken message is answered AR / AE with its segment and field and stored as
/// a rejection; no identifier from PID reaches any table or answer (the PHI canary approach of PhiCanaryTests).
/// </summary>
public sealed class Hl7IngestTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string Er7 = "x-application/hl7-v2+er7";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private TestHost Host => fixture.Host;

    private static string Tag() => Guid.NewGuid().ToString("N")[..8];

    private async Task<string> PostAsync(string body, string mediaType = Er7)
    {
        using var response = await Host.Client(TestKeys.Producer).PostAsync("/api/hl7v2", new StringContent(body, Encoding.UTF8, mediaType), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(Er7);
        return text;
    }

    private static Er7Message Ack(string text)
    {
        var parsed = Er7Parser.Parse(text);
        parsed.Problem.ShouldBeNull(text);
        return parsed.Message!;
    }

    private async Task<List<(string RuleId, string Severity)>> FindingsAsync(string clinic, string session)
    {
        var answer = await Host.Client(TestKeys.Auditor).GetFromJsonAsync<JsonNode>($"/api/sessions/{session}?clinicId={clinic}", Ct);
        return [.. answer!["findings"]!.AsArray().Select(f => (f!["ruleId"]!.GetValue<string>(), f["severity"]!.GetValue<string>())).Order()];
    }

    private async Task<int> EventCountAsync(string clinic, string session)
    {
        var answer = await Host.Client(TestKeys.Auditor).GetFromJsonAsync<JsonNode>($"/api/sessions/{session}?clinicId={clinic}", Ct);
        return answer!["events"]!.AsArray().Count;
    }

    [Fact]
    public async Task Pcd01AndPcd10MessagesGiveTheSameStoredEventsAndFindingsAsTheEquivalentJson()
    {
        var tag = Tag();
        var clinic = "hl7eq-" + tag;
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 3000);
        var jsonSession = "S-J-" + tag;
        var hl7Session = "S-H-" + tag;

        // An IV session whose rate is 20 % above the prescription (a finding to compare), its vitals from a monitor.
        JsonObject Vitals(string session, long seq, TimeSpan at) => SessionScript.Event($"{session}-e{seq}", session, clinic, "mon-07", seq, "VitalsRecorded", start + at, new JsonObject
        {
            ["heartRateBpm"] = 72, ["systolicMmHg"] = 118, ["diastolicMmHg"] = 76, ["spo2Percent"] = 98, ["respiratoryRatePerMin"] = 14,
        });
        JsonObject Started(string session, string patient) => SessionScript.Event($"{session}-e1", session, clinic, "pump-17", 1, "SessionStarted", start, SessionScript.StandardStart(patient));
        // Sent as the devices send them: the start, then one request per reading or pump event, in the same order
        // for both sessions, so that what the engine judged on arrival is the same too.
        List<JsonObject[]> json =
        [
            [Started(jsonSession, "MRN-J-" + tag)],
            [Vitals(jsonSession, 0, TimeSpan.FromMinutes(-5))],
            [SessionScript.Event($"{jsonSession}-e2", jsonSession, clinic, "pump-17", 2, "InfusionRateChanged", start.AddSeconds(30), new JsonObject { ["rateMlPerHour"] = 63 })],
            [Vitals(jsonSession, 3, TimeSpan.FromMinutes(10))],
            [Vitals(jsonSession, 4, TimeSpan.FromMinutes(20))],
            [Vitals(jsonSession, 5, TimeSpan.FromMinutes(30))],
            [
                SessionScript.Event($"{jsonSession}-e6", jsonSession, clinic, "pump-17", 6, "PumpTotalReported", start.AddMinutes(40.5), new JsonObject { ["volumeInfusedMl"] = 42 }),
                SessionScript.Event($"{jsonSession}-e7", jsonSession, clinic, "pump-17", 7, "SessionEnded", start.AddMinutes(40.5), new JsonObject { ["reason"] = "completed" }),
            ],
        ];
        foreach (var batch in json)
        {
            using var sent = await Host.Client(TestKeys.Producer).PostAsync("/api/events", new StringContent(SessionScript.Batch(batch), Encoding.UTF8, "application/json"), Ct);
            sent.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        // The same session from the devices: the start as JSON (PCD-10 carries no prescription), the rest as HL7.
        using (var sent = await Host.Client(TestKeys.Producer).PostAsync("/api/events", new StringContent(SessionScript.Batch([Started(hl7Session, "MRN-H-" + tag)]), Encoding.UTF8, "application/json"), Ct))
        {
            sent.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        }

        var patient = "CNRYHL7EQ" + tag;
        string[] messages =
        [
            Hl7Messages.Vitals(clinic, hl7Session, patient, $"MON-{tag}-1", 0, start.AddMinutes(-5)),
            Hl7Messages.PumpEvent(clinic, hl7Session, patient, $"PMP-{tag}-1", 2, start.AddSeconds(30), "MDC_EVT_PUMP_DELIV_START", rateMlPerHour: 63),
            Hl7Messages.Vitals(clinic, hl7Session, patient, $"MON-{tag}-2", 3, start.AddMinutes(10)),
            Hl7Messages.Vitals(clinic, hl7Session, patient, $"MON-{tag}-3", 4, start.AddMinutes(20)),
            Hl7Messages.Vitals(clinic, hl7Session, patient, $"MON-{tag}-4", 5, start.AddMinutes(30)),
            Hl7Messages.PumpEvent(clinic, hl7Session, patient, $"PMP-{tag}-2", 6, start.AddMinutes(40.5), "MDC_EVT_PUMP_DELIV_COMP", volumeMl: 42),
        ];
        foreach (var message in messages)
        {
            var ack = Ack(await PostAsync(message));
            ack.Segments[1].Value(1).ShouldBe("CA", Er7Writer.Write(ack));
            ack.Segments[1].Value(2).ShouldBe(Er7Parser.Parse(message).Message!.Header.Value(10));
        }

        // A resent message is a duplicate: accepted again, nothing added.
        Ack(await PostAsync(messages[0])).Segments[1].Value(1).ShouldBe("CA");

        (await EventCountAsync(clinic, hl7Session)).ShouldBe(8);
        (await EventCountAsync(clinic, jsonSession)).ShouldBe(8);
        var expected = await FindingsAsync(clinic, jsonSession);
        expected.ShouldNotBeEmpty();
        (await FindingsAsync(clinic, hl7Session)).ShouldBe(expected);
    }

    [Fact]
    public async Task ATitrationIsOneRateChangeAndOriginalModeAnswersAa()
    {
        var tag = Tag();
        var clinic = "hl7ti-" + tag;
        var at = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 600);
        var stop = Hl7Messages.PumpEvent(clinic, "S-" + tag, "CNRYHL7TI" + tag, "T-" + tag, 3, at, "MDC_EVT_PUMP_DELIV_STOP");
        var start = Hl7Messages.PumpEvent(clinic, "S-" + tag, "CNRYHL7TI" + tag, "T-" + tag, 3, at, "MDC_EVT_PUMP_DELIV_START", rateMlPerHour: 60);
        var titration = stop.TrimEnd('\r') + "\r" + string.Join('\r', start.Split('\r').Where(l => l.StartsWith("OBR", StringComparison.Ordinal) || l.StartsWith("OBX", StringComparison.Ordinal)));
        titration = titration.Replace("|AL|NE|", "|||", StringComparison.Ordinal);

        Ack(await PostAsync(titration, "text/plain")).Segments[1].Value(1).ShouldBe("AA");

        (await EventCountAsync(clinic, "S-" + tag)).ShouldBe(1);
    }

    [Fact]
    public async Task ABrokenMessageIsAnsweredWithItsSegmentAndFieldAndStoredAsARejection()
    {
        var tag = Tag();
        var clinic = "hl7br-" + tag;
        var patient = "CNRYHL7BR" + tag;
        var at = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 600);

        // A heart rate in mmHg: read, but not usable (AE, ERR on OBX-6).
        var wrongUnit = Hl7Messages.Vitals(clinic, "S-" + tag, patient, "BAD-" + tag, 0, at, heartRateUnit: "266016^MDC_DIM_MMHG^MDC");
        var ae = Ack(await PostAsync(wrongUnit));
        ae.Segments[1].Value(1).ShouldBe("CE");
        ae.Segments[1].Value(2).ShouldBe("BAD-" + tag);
        var err = ae.Segments[2];
        err.Id.ShouldBe("ERR");
        (err.Value(2, 1), err.Value(2, 2), err.Value(2, 3)).ShouldBe(("OBX", "7", "6"));
        err.Value(3, 1).ShouldBe("103");

        // Unusable delimiters: refused unread (AR, ERR on MSH-2), filed under no clinic.
        var badDelimiters = wrongUnit.Replace("MSH|^~\\&|", "MSH|^^\\&|", StringComparison.Ordinal).Replace("|AL|NE|", "|||", StringComparison.Ordinal);
        var ar = Ack(await PostAsync(badDelimiters));
        ar.Segments[1].Value(1).ShouldBe("AR");
        (ar.Segments[2].Value(2, 1), ar.Segments[2].Value(2, 3)).ShouldBe(("MSH", "2"));

        var rows = await Host.Client(TestKeys.Auditor).GetFromJsonAsync<JsonNode>($"/api/clinics/{clinic}/rejected?from={Today}&to={Today}", Ct);
        var row = rows!["items"]!.AsArray().Single()!;
        row["rule"]!.GetValue<string>().ShouldBe("hl7-error");
        row["field"]!.GetValue<string>().ShouldBe("OBX[7]-6");
        row["sessionId"]!.GetValue<string>().ShouldBe("S-" + tag);
        var raw = row["rawText"]!.GetValue<string>();
        raw.ShouldContain("OBX|3|NM|147842^MDC_ECG_HEART_RATE^MDC");
        raw.ShouldNotContain(patient);

        var unattributed = await Host.Get<RejectedEventRepository>().ListAsync(RejectedEventRepository.UnknownClinic, DateOnly.FromDateTime(DateTime.UtcNow), Ct);
        var refused = unattributed.Single(r => r.RawText.Contains("BAD-" + tag, StringComparison.Ordinal));
        refused.Rule.ShouldBe("hl7-rejected");
        refused.Field.ShouldBe("MSH[1]-2");
        refused.RawText.ShouldNotContain(patient);
    }

    [Fact]
    public async Task AnotherContentTypeIs415AndNoInputIsA500()
    {
        using (var json = await Host.Client(TestKeys.Producer).PostAsync("/api/hl7v2", new StringContent("{}", Encoding.UTF8, "application/json"), Ct))
        {
            json.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        }

        string[] hostile = ["", "\r\r", "MSH", "MSH|", "\u000b", "\u000bMSH|^~\\&|\u001c\r", "MSH|^~\\&|A|B|||x||ORU^R01|1|P|2.6|x\rOBX|1|NM|147842^^MDC|1|1|/min^^UCUM", "PID|||X\rMSH|^~\\&"];
        foreach (var body in hostile)
        {
            using var response = await Host.Client(TestKeys.Producer).PostAsync("/api/hl7v2", new StringContent(body, Encoding.UTF8, Er7), Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
            var ack = await response.Content.ReadAsStringAsync(Ct);
            ack.ShouldContain("MSA|A");
        }
    }

    [Fact]
    public async Task AFramedBodyIsIngestedAsOneBatchYetEachMessageGetsItsOwnAckInOrder()
    {
        var tag = Tag();
        var clinic = "hl7bt-" + tag;
        var at = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 900);
        string[] messages =
        [
            Hl7Messages.Vitals(clinic, "S-" + tag, "CNRYBT" + tag, $"BT-{tag}-1", 0, at),
            // Mapped, then refused by the contract (a session id with '/'): CE for this message alone.
            Hl7Messages.Vitals(clinic, "S/" + tag, "CNRYBT" + tag, $"BT-{tag}-2", 1, at.AddMinutes(1)),
            "MSH|^~\\&|GW|" + clinic + "|||x||ORU^R30|" + $"BT-{tag}-3" + "|P|2.6\r",
            Hl7Messages.PumpEvent(clinic, "S-" + tag, "CNRYBT" + tag, $"BT-{tag}-4", 2, at.AddMinutes(2), "MDC_EVT_PUMP_DELIV_START", rateMlPerHour: 50),
            // The first message again, in the same body: a duplicate of an event of this very batch.
            Hl7Messages.Vitals(clinic, "S-" + tag, "CNRYBT" + tag, $"BT-{tag}-1", 0, at),
        ];

        var answer = await PostAsync(string.Concat(messages.Select(Mllp.Frame)));

        Mllp.TryUnframe(answer, out var acks, out _).ShouldBeTrue(answer);
        acks.Select(a => Ack(a).Segments[1].Value(1)).ShouldBe(["CA", "CE", "AR", "CA", "CA"]);
        acks.Select(a => Ack(a).Segments[1].Value(2)).ShouldBe([$"BT-{tag}-1", $"BT-{tag}-2", $"BT-{tag}-3", $"BT-{tag}-4", $"BT-{tag}-1"]);
        Ack(acks[1]).Segments[2].Value(8).ShouldContain("event 0");
        (await EventCountAsync(clinic, "S-" + tag)).ShouldBe(2);
    }

    [Fact]
    public async Task NoIdentifierFromPidReachesAnyTableOrAnswer()
    {
        var tag = Tag().ToUpperInvariant();
        var clinic = "hl7phi-" + tag.ToLowerInvariant();
        var canary = "CNRYHL7PHI" + tag;
        var at = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 600);
        var accepted = Hl7Messages.Vitals(clinic, "S-" + tag, canary, "PHI-1-" + tag, 0, at);
        var answers = new StringBuilder();
        answers.AppendLine(await PostAsync(accepted));
        answers.AppendLine(await PostAsync(Hl7Messages.Vitals(clinic, "S-" + tag, canary, "PHI-2-" + tag, 1, at, heartRateUnit: "x^y^L")));
        answers.AppendLine(await PostAsync(accepted.Replace("MSH|^~\\&|", "MSH|^^\\&|", StringComparison.Ordinal)));
        answers.AppendLine(await PostAsync(accepted.Replace("\r", " ", StringComparison.Ordinal)));
        answers.AppendLine(await PostAsync(accepted.Replace("S-" + tag, "S/" + tag, StringComparison.Ordinal)));
        answers.AppendLine(await PostAsync(Mllp.Frame(accepted) + Mllp.Frame(accepted.Replace("PHI-1", "PHI-3", StringComparison.Ordinal)) + "\u000b" + accepted));
        using (var latin1 = new ByteArrayContent(Encoding.Latin1.GetBytes(accepted.Replace("JANE", "JANÉ", StringComparison.Ordinal))))
        {
            latin1.Headers.ContentType = new(Er7);
            using var response = await Host.Client(TestKeys.Producer).PostAsync("/api/hl7v2", latin1, Ct);
            var text = await response.Content.ReadAsStringAsync(Ct);
            Ack(text).Segments[1].Value(1).ShouldBe("AR");
            answers.AppendLine(text);
        }

        using (var oversized = await Host.Client(TestKeys.Producer).PostAsync("/api/hl7v2", new StringContent(accepted + "NTE|1||" + new string('x', 1_100_000), Encoding.UTF8, Er7), Ct))
        {
            oversized.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
            answers.AppendLine(await oversized.Content.ReadAsStringAsync(Ct));
        }

        answers.AppendLine(await Host.Client(TestKeys.Auditor).GetStringAsync($"/api/sessions/S-{tag}?clinicId={clinic}", Ct));
        answers.AppendLine(await Host.Client(TestKeys.Auditor).GetStringAsync($"/api/clinics/{clinic}/rejected?from={Today}&to={Today}", Ct));
        answers.ToString().ShouldContain("MSA|CA|PHI-1-" + tag);
        answers.ToString().ShouldContain("MSA|CE|PHI-2-" + tag);

        var hits = new List<string>();
        if (answers.ToString().Contains(canary, StringComparison.OrdinalIgnoreCase))
        {
            hits.Add("http answers");
        }

        var tables = new TableServiceClient(Azurite.ConnectionString);
        var scanned = 0;
        await foreach (var table in tables.QueryAsync(cancellationToken: Ct))
        {
            await foreach (var entity in tables.GetTableClient(table.Name).QueryAsync<TableEntity>(cancellationToken: Ct))
            {
                foreach (var (name, value) in entity)
                {
                    scanned++;
                    var text = value switch
                    {
                        string s => s,
                        byte[] b => Encoding.UTF8.GetString(b),
                        BinaryData d => d.ToString(),
                        _ => value?.ToString(),
                    };
                    if (text is not null && text.Contains(canary, StringComparison.OrdinalIgnoreCase))
                    {
                        hits.Add($"table {table.Name} {name}");
                    }
                }
            }
        }

        hits.ShouldBeEmpty();
        scanned.ShouldBeGreaterThan(100);
    }
}
