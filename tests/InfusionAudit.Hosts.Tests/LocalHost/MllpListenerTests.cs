using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using InfusionAudit.Hl7;
using InfusionAudit.Hl7.Er7;
using InfusionAudit.Infrastructure.Storage.Rejections;
using InfusionAudit.Testing;

namespace InfusionAudit.Hosts.Tests.LocalHost;

/// <summary>The local host's MLLP listener over loopback: frames in, one framed ACK per message out, events stored.</summary>
public sealed class MllpListenerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnMllpRoundTripOverLoopbackAcknowledgesEachMessageAndStoresItsEvents()
    {
        var (host, port) = await TestHost.StartWithMllpAsync();
        await using var _ = host;
        var tag = Guid.NewGuid().ToString("N")[..8];
        var clinic = "mllp-" + tag;
        var at = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 600);
        var first = Hl7Messages.Vitals(clinic, "S-" + tag, "CNRYMLLP" + tag, $"M-{tag}-1", 0, at);
        var second = Hl7Messages.PumpEvent(clinic, "S-" + tag, "CNRYMLLP" + tag, $"M-{tag}-2", 1, at.AddMinutes(1), "MDC_EVT_PUMP_DELIV_START", rateMlPerHour: 50);
        var broken = "MSH|^~\\&|GW|" + clinic + "|||x||ORU^R30|" + $"M-{tag}-3" + "|P|2.6\r";

        using var client = new TcpClient();
        // The listener binds in its StartAsync, before the host reports started (MllpListener.StartAsync).
        await client.ConnectAsync("127.0.0.1", port, Ct);
        var stream = client.GetStream();

        // Two frames in one write, the third split across writes: framing is by bytes, not by packets.
        await stream.WriteAsync(Encoding.UTF8.GetBytes(Mllp.Frame(first) + Mllp.Frame(second)), Ct);
        var third = Encoding.UTF8.GetBytes(Mllp.Frame(broken));
        await stream.WriteAsync(third.AsMemory(0, 10), Ct);
        await Task.Delay(50, Ct);
        await stream.WriteAsync(third.AsMemory(10), Ct);

        var acks = await ReadFramesAsync(stream, 3);

        acks.Select(a => Er7Parser.Parse(a).Message!.Segments[1].Value(1)).ShouldBe(["CA", "CA", "AR"]);
        acks.Select(a => Er7Parser.Parse(a).Message!.Segments[1].Value(2)).ShouldBe([$"M-{tag}-1", $"M-{tag}-2", $"M-{tag}-3"]);
        Er7Parser.Parse(acks[2]).Message!.Segments[2].Value(2, 3).ShouldBe("9");
        var session = await host.Client(TestKeys.Auditor).GetFromJsonAsync<JsonNode>($"/api/sessions/S-{tag}?clinicId={clinic}", Ct);
        session!["events"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()).Order().ShouldBe(["InfusionRateChanged", "VitalsRecorded"]);
    }

    [Fact]
    public async Task AnOversizedFrameIsRefusedWithAnArAndFiledWithItsPidWithheld()
    {
        var (host, port) = await TestHost.StartWithMllpAsync();
        await using var _ = host;
        var tag = Guid.NewGuid().ToString("N")[..8];
        var clinic = "mllpbig-" + tag;
        var patient = "CNRYMLLPBIG" + tag;
        var at = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 600);
        var message = Hl7Messages.Vitals(clinic, "S-" + tag, patient, $"BIG-{tag}", 0, at);

        // A frame one byte past the listener's limit (4 bytes per character the parser accepts, plus 4), sent without
        // its end: the listener has then read every byte sent when it answers and closes, so the close is clean.
        const int frameLimit = (4 * Er7Parser.MaxMessageChars) + 4;
        var head = message + "NTE|1||";
        var oversized = head + new string('x', frameLimit + 1 - Encoding.UTF8.GetByteCount(head));
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, Ct);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(Mllp.StartBlock + oversized), Ct);

        var ack = Er7Parser.Parse((await ReadFramesAsync(stream, 1))[0]).Message!;
        ack.Segments[1].Value(1).ShouldBe("AR");

        // Nothing about the lost message may be lost: its head is filed, under no clinic (it was never read).
        var rejected = host.Get<RejectedEventRepository>();
        // Filed before the AR was written, so it is there now.
        var filed = (await rejected.ListAsync(RejectedEventRepository.UnknownClinic, DateOnly.FromDateTime(DateTime.UtcNow), Ct))
            .Single(r => r.RawText.Contains($"BIG-{tag}", StringComparison.Ordinal));
        filed.Rule.ShouldBe("body-size");
        filed.RawText.ShouldNotContain(patient);
        filed.RawText.ShouldStartWith("MSH|");
    }

    private static async Task<List<string>> ReadFramesAsync(NetworkStream stream, int count)
    {
        var frames = new List<string>();
        var text = new StringBuilder();
        var buffer = new byte[4096];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (frames.Count < count)
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            read.ShouldBeGreaterThan(0, "the listener closed the connection");
            text.Append(Encoding.UTF8.GetString(buffer, 0, read));
            var all = text.ToString();
            while (all.IndexOf(Mllp.EndBlock, StringComparison.Ordinal) is var end and >= 0)
            {
                all[0].ShouldBe(Mllp.StartBlock);
                frames.Add(all[1..end]);
                all = all[(end + 2)..];
            }

            text.Clear().Append(all);
        }

        return frames;
    }
}
