using InfusionAudit.Testing;
using System.Text.Json.Nodes;

namespace InfusionAudit.Hosts.Tests.Testing;

/// <summary>The shared wait: it returns what it waited for, and a state that never comes fails the test.</summary>
public sealed class EventuallyTests
{
    [Fact]
    public async Task UntilReturnsTheFirstValueThatHolds()
    {
        var reads = 0;

        var value = await Eventually.Until(() => Task.FromResult(++reads), n => n == 3);

        value.ShouldBe(3);
        reads.ShouldBe(3);
    }

    [Fact]
    public async Task UntilFailsOnTimeoutNamingTheConditionAndTheLastValueRead()
    {
        var timedOut = await Should.ThrowAsync<TimeoutException>(() =>
            Eventually.Until(() => Task.FromResult(JsonNode.Parse("""{"status":"retrying"}""")), n => n!["status"]!.GetValue<string>() == "delivered", TimeSpan.FromMilliseconds(300)));

        timedOut.Message.ShouldContain(""""n => n!["status"]!.GetValue<string>() == "delivered": not reached within 0.3 s"""");
        timedOut.Message.ShouldContain("""last value read: {"status":"retrying"}""");
    }

    [Fact]
    public async Task RequireFailsOnTimeoutWithWhatTheCallerNamed()
    {
        var timedOut = await Should.ThrowAsync<TimeoutException>(() =>
            Eventually.Require("the queue drains", () => Task.FromResult(new List<int> { 1, 2 }), l => l.Count == 0, TimeSpan.FromMilliseconds(300)));

        timedOut.Message.ShouldStartWith("the queue drains: not reached within 0.3 s");
        timedOut.Message.ShouldEndWith("last value read: 2 item(s): [1, 2]");
    }
}
