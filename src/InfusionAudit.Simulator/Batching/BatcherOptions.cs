namespace InfusionAudit.Simulator.Batching;

/// <summary>How a clinic gateway packs events into queue messages.</summary>
public sealed record BatcherOptions
{
    /// <summary>The contract's ceiling of events per message.</summary>
    public const int ContractMaxEvents = 100;

    /// <summary>
    /// Default ceiling of a message's size as the queue stores it (base64 of the UTF-8 text), leaving headroom under the
    /// queue's hard 64 KiB. Base64 adds a third, so this is about 45 KiB of JSON.
    /// </summary>
    public const int DefaultMaxEncodedBytes = 60 * 1024;

    /// <summary>Most events per message, 1..100. With 1, each message is a bare event object instead of an array.</summary>
    public int MaxEvents { get; init; } = 25;

    /// <summary>A message is flushed once its first event is this old (gateway time); null flushes on count and size only.</summary>
    public TimeSpan? FlushWindow { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Largest base64-encoded message size in bytes.</summary>
    public int MaxEncodedBytes { get; init; } = DefaultMaxEncodedBytes;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first unusable value.</summary>
    public void Validate()
    {
        if (MaxEvents is < 1 or > ContractMaxEvents)
        {
            throw new ArgumentException($"A message carries 1–{ContractMaxEvents} events, not {MaxEvents}.", nameof(MaxEvents));
        }

        if (FlushWindow is { } window && window <= TimeSpan.Zero)
        {
            throw new ArgumentException("The flush window must be positive.", nameof(FlushWindow));
        }

        if (MaxEncodedBytes < 1024)
        {
            throw new ArgumentException("The message size limit must be at least 1 KiB.", nameof(MaxEncodedBytes));
        }
    }
}
