using InfusionAudit.Domain.Contract;

namespace InfusionAudit.Domain.Sessions;

/// <summary>One de-duplicated event on the session timeline, with its instants as UTC ticks for exact arithmetic.</summary>
internal struct TimelineEntry
{
    public DeviceEvent Event;
    public DateTimeOffset ReceivedAt;
    public long OccurredTicks;
    public long ReceivedTicks;
}
