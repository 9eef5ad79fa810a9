using System.Text;
using System.Text.Json.Nodes;
using InfusionAudit.Simulator.Batching;
using InfusionAudit.Simulator.Contract;
using InfusionAudit.Simulator.Generation;
using Shouldly;
using Xunit;
using static InfusionAudit.Simulator.Tests.SimulatorTestData;

namespace InfusionAudit.Simulator.Tests.Transport;

public sealed class BatcherTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(25)]
    [InlineData(100)]
    public void MessagesNeverExceedTheBatchSizeNorSixtyKibibytes(int batch)
    {
        var sessions = Day(sessions: 150, seed: 12);
        var messages = new Batcher(new BatcherOptions { MaxEvents = batch, FlushWindow = null }).Batch(sessions).ToList();

        foreach (var message in messages)
        {
            message.EventCount.ShouldBeInRange(1, batch);
            message.Utf8Bytes.ShouldBe(Encoding.UTF8.GetByteCount(message.Text));
            message.Utf8Bytes.ShouldBeLessThanOrEqualTo(60 * 1024);
            Convert.ToBase64String(Encoding.UTF8.GetBytes(message.Text)).Length.ShouldBeLessThanOrEqualTo(60 * 1024);
        }

        messages.Sum(m => m.EventCount).ShouldBe(sessions.Sum(s => s.Events.Count));
        if (batch > 1)
        {
            messages.Count(m => m.EventCount == batch).ShouldBeGreaterThan(messages.Count / 2);
        }
    }

    [Fact]
    public void LargeEventsAreSplitByTheSizeLimitBeforeTheCountLimit()
    {
        var big = Enumerable.Range(0, 300).Select(i => Event(i, new string('x', 2_000))).ToList();
        var messages = new Batcher(new BatcherOptions { MaxEvents = 100, FlushWindow = null, MaxEncodedBytes = 16 * 1024 }).Pack(big).ToList();

        messages.ShouldAllBe(m => m.EncodedBytes <= 16 * 1024);
        messages.Max(m => m.EventCount).ShouldBeLessThan(100);
        messages.Sum(m => m.EventCount).ShouldBe(300);
    }

    [Fact]
    public void MessagesAreArraysThatKeepEveryEventOnceInForwardingOrder()
    {
        var sessions = Day(sessions: 30, seed: 13);
        var messages = new Batcher(new BatcherOptions { MaxEvents = 25 }).Batch(sessions).ToList();

        var unpacked = messages.SelectMany(m => JsonNode.Parse(m.Text)!.AsArray().Select(e => e!.ToJsonString())).ToList();

        unpacked.ShouldBe(Batcher.ForwardingOrder(sessions).Select(e => JsonNode.Parse(e.Json)!.ToJsonString()));
    }

    [Fact]
    public void SessionsAreInterleavedLikeAGatewayDoes()
    {
        var sessions = Day(sessions: 12, seed: 42, mix: ScenarioMix.Clinical);
        var messages = new Batcher(new BatcherOptions { MaxEvents = 25, FlushWindow = null }).Batch(sessions).ToList();

        messages.ShouldContain(m => JsonNode.Parse(m.Text)!.AsArray().Select(e => e!["sessionId"]!.GetValue<string>()).Distinct().Count() > 1);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(25)]
    [InlineData(100)]
    public void EachMessageCountsTheDistinctSessionsItCarries(int batch)
    {
        var sessions = Day(sessions: 40, seed: 14);
        var messages = new Batcher(new BatcherOptions { MaxEvents = batch, FlushWindow = null }).Batch(sessions).ToList();

        foreach (var message in messages)
        {
            var events = JsonNode.Parse(message.Text) is JsonArray array ? [.. array] : new List<JsonNode?> { JsonNode.Parse(message.Text) };
            message.SessionCount.ShouldBe(events.Select(e => e!["sessionId"]?.GetValue<string>() ?? "").Distinct().Count());
        }

        if (batch > 1)
        {
            messages.Average(m => m.SessionCount).ShouldBeGreaterThan(1);
        }
    }

    [Fact]
    public void ABatchOfOneSendsBareEventObjects()
    {
        var messages = new Batcher(new BatcherOptions { MaxEvents = 1 }).Batch(Day(sessions: 3)).ToList();

        messages.ShouldAllBe(m => m.EventCount == 1 && JsonNode.Parse(m.Text) is JsonObject);
    }

    [Fact]
    public void TheFlushWindowClosesAMessageOnceItsFirstEventIsOldEnough()
    {
        var start = DayStart;
        var events = new[] { 0, 10, 59, 60, 61, 200 }.Select(s => Event(s, "x", start.AddSeconds(s))).ToList();

        var messages = new Batcher(new BatcherOptions { MaxEvents = 100, FlushWindow = TimeSpan.FromSeconds(60) }).Pack(events).ToList();

        messages.Select(m => m.EventCount).ShouldBe([3, 2, 1]);
    }

    [Fact]
    public void TextThatIsNotJsonTravelsAloneAndAsIs()
    {
        var events = new[] { Event(1, "a"), WireEvent.FromText("this is {not json"), Event(2, "b"), Event(3, "c") };

        var messages = new Batcher(new BatcherOptions { MaxEvents = 10 }).Pack(events).ToList();

        messages.Select(m => m.EventCount).ShouldBe([1, 1, 2]);
        messages[1].Text.ShouldBe("this is {not json");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void BatchSizesOutsideTheContractAreRefused(int batch)
    {
        Should.Throw<ArgumentException>(() => new Batcher(new BatcherOptions { MaxEvents = batch }));
    }

    private static WireEvent Event(int n, string filler, DateTimeOffset? at = null)
    {
        var json = new JsonObject { ["eventId"] = $"e-{n}", ["filler"] = filler }.ToJsonString();
        return new WireEvent("s", n, at ?? DayStart, at ?? DayStart, WireEventKind.Original, json);
    }
}
