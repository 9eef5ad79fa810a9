using Azure.Core;
using Azure.Storage.Queues;
using InfusionAudit.LocalHost.Queues;
using InfusionAudit.Testing;

namespace InfusionAudit.Hosts.Tests.LocalHost;

/// <summary>
/// Issue 11 item 8: the WebJobs listener receives every message for a fixed 10 minutes. A host killed (or cut off from
/// storage) between that receive and its first hold renewal hid the message for those 10 minutes; the local host's
/// pipeline shortens the receive itself to one hold.
/// </summary>
public sealed class ReceiveHoldPolicyTests
{
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(2);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AMessageReceivedForTenMinutesIsBackAfterOneHoldWhenItsReceiverDies()
    {
        var (listener, other) = await QueuesAsync();
        await other.SendMessageAsync("held by a receiver that dies", cancellationToken: Ct);

        // What the WebJobs listener asks for; the receiver then dies without touching the message again.
        var received = await listener.ReceiveMessagesAsync(maxMessages: 16, visibilityTimeout: TimeSpan.FromMinutes(10), cancellationToken: Ct);
        received.Value.Length.ShouldBe(1);
        (received.Value[0].NextVisibleOn!.Value - DateTimeOffset.UtcNow).ShouldBeLessThanOrEqualTo(Hold + TimeSpan.FromSeconds(1));

        var again = await Eventually.Require(
            "the message visible again to another receiver",
            async () => (await other.ReceiveMessagesAsync(maxMessages: 1, cancellationToken: Ct)).Value,
            messages => messages.Length == 1,
            TimeSpan.FromSeconds(10),
            messages => $"{messages.Length} messages");
        again[0].MessageId.ShouldBe(received.Value[0].MessageId);
        again[0].DequeueCount.ShouldBe(2);
    }

    [Fact]
    public async Task APeekAndAReceiveForLessThanOneHoldAreLeftAlone()
    {
        var (listener, other) = await QueuesAsync();
        await other.SendMessageAsync("peeked, then received briefly", cancellationToken: Ct);

        (await listener.PeekMessagesAsync(maxMessages: 1, cancellationToken: Ct)).Value.Length.ShouldBe(1);
        var received = await listener.ReceiveMessagesAsync(maxMessages: 1, visibilityTimeout: TimeSpan.FromSeconds(1), cancellationToken: Ct);
        var visibleIn = received.Value[0].NextVisibleOn!.Value - DateTimeOffset.UtcNow;
        visibleIn.ShouldBeLessThanOrEqualTo(TimeSpan.FromSeconds(1.5));
    }

    private static async Task<(QueueClient Listener, QueueClient Other)> QueuesAsync()
    {
        var name = "hold-" + Guid.NewGuid().ToString("N")[..12];
        var options = new QueueClientOptions();
        options.AddPolicy(new ReceiveHoldPolicy(Hold), HttpPipelinePosition.PerCall);
        var listener = new QueueClient(Azurite.ConnectionString, name, options);
        var other = new QueueClient(Azurite.ConnectionString, name);
        await other.CreateIfNotExistsAsync(cancellationToken: Ct);
        return (listener, other);
    }
}
