using InfusionAudit.Domain.Protocols;

namespace InfusionAudit.Domain.Sessions;

/// <summary>What the fold takes from the protocol: which device times to believe and the longest stretch one rate may be integrated.</summary>
/// <param name="Clock">The plausibility thresholds of device times.</param>
/// <param name="MaxSegmentTicks">A rate segment is integrated for at most this long (the hard maximum duration), ticks.</param>
internal readonly record struct FoldLimits(ClockPlausibility Clock, long MaxSegmentTicks)
{
    /// <summary>The limits of <paramref name="protocol"/>; no cap when it has no duration window.</summary>
    public static FoldLimits Of(ProtocolDefinition protocol) =>
        new(protocol.Clock, protocol.Duration?.Hard.Max.Ticks ?? long.MaxValue);
}
