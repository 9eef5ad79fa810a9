namespace InfusionAudit.Domain.Sessions;

/// <summary>
/// One run of missing numbers on a counter: the received number just below it (<paramref name="Below"/>, occurred at
/// <paramref name="BelowOccurredTicks"/>) and the one just above it (<paramref name="Above"/>).
/// </summary>
/// <param name="DeviceId">The device whose own counter it is; null when the session's devices share one counter.</param>
internal readonly record struct SequenceHole(string? DeviceId, long Below, long Above, long BelowOccurredTicks)
{
    public long Missing => Above - Below - 1;

    /// <summary>
    /// Whether an event missing here may precede <paramref name="trigger"/>: on the trigger's own counter when the hole
    /// lies below its number; on another device's counter when the hole opened (the event below it occurred) no later than
    /// the trigger occurred, since the numbers of two counters cannot be compared but their clocks can.
    /// </summary>
    public bool Precedes(in TimelineEntry trigger) =>
        DeviceId is null || string.Equals(DeviceId, trigger.Event.DeviceId, StringComparison.Ordinal)
            ? Above <= trigger.Event.Sequence
            : BelowOccurredTicks <= trigger.OccurredTicks;
}
