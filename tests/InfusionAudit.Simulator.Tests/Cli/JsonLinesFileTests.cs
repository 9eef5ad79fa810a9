using InfusionAudit.Simulator.Batching;
using InfusionAudit.Simulator.Contract;
using InfusionAudit.Simulator.Files;
using Shouldly;
using Xunit;
using static InfusionAudit.Simulator.Tests.SimulatorTestData;

namespace InfusionAudit.Simulator.Tests.Cli;

public sealed class JsonLinesFileTests
{
    [Fact]
    public async Task ADayRoundTripsThroughAFileByteForByte()
    {
        var events = Batcher.ForwardingOrder(Day(sessions: 20, seed: 21)).ToList();
        var path = Path.Combine(Path.GetTempPath(), $"infusion-sim-{Guid.NewGuid():N}.jsonl");
        try
        {
            var written = await JsonLinesFile.WriteAsync(path, events, TestContext.Current.CancellationToken);
            var read = await JsonLinesFile.ReadAllAsync(path, TestContext.Current.CancellationToken);

            written.ShouldBe(events.Count);
            read.Select(e => e.Json).ShouldBe(events.Select(e => e.Json));
            read.Select(e => e.SessionId).ShouldBe(events.Select(e => e.SessionId));
            read.Select(e => e.Sequence).ShouldBe(events.Select(e => e.Sequence));
            read.ShouldAllBe(e => e.Kind == WireEventKind.Original);
            (await File.ReadAllLinesAsync(path, TestContext.Current.CancellationToken)).Length.ShouldBe(events.Count);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task BlankLinesAreSkippedAndTextThatIsNotJsonIsKept()
    {
        var text = "{\"eventId\":\"a\"}\n\n   \r\n{not json\r\n{\"eventId\":\"b\"}\n";

        var read = new List<WireEvent>();
        await foreach (var e in JsonLinesFile.ReadAsync(new StringReader(text), TestContext.Current.CancellationToken))
        {
            read.Add(e);
        }

        read.Select(e => e.Json).ShouldBe(["{\"eventId\":\"a\"}", "{not json", "{\"eventId\":\"b\"}"]);
        read.Select(e => e.Kind).ShouldBe([WireEventKind.Original, WireEventKind.NotJson, WireEventKind.Original]);
    }
}
