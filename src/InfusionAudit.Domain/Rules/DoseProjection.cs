using InfusionAudit.Domain.Sessions;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// The delivered dose of an infusion still running at its last event, extended at its rate to an evaluation time. The
/// evaluation time is the backend's; the timeline is in device time, so it is mapped to the pump's clock by the pump's offset.
/// The extension stops where the open segment reaches the protocol's hard maximum duration.
/// </summary>
internal static class DoseProjection
{
    /// <summary>The open piece the projection extends: not ended, not paused, running at a known non-zero rate, times believed.</summary>
    public static bool TryRunning(SessionTimeline timeline, out RunPiece piece)
    {
        piece = default;
        if (timeline.EndIndex >= 0 || timeline.IsPaused || timeline.Pieces.Count == 0 || timeline.Pieces[^1].EndIndex >= 0
            || timeline.RateHistoryUntrusted)
        {
            return false;
        }

        piece = timeline.Pieces[^1];
        return piece.MgPerHour > 0 && double.IsFinite(piece.MgPerHour);
    }

    /// <summary>
    /// Backend time − device time for <paramref name="device"/>, from its freshest believed event (the smallest receipt −
    /// occurrence: the least transmission delay), so a pump clock behind or ahead projects neither too far nor too short.
    /// </summary>
    public static long ClockOffset(SessionTimeline timeline, string device)
    {
        var entries = timeline.Entries;
        var verdicts = timeline.ClockVerdicts;
        var offset = long.MaxValue;
        for (var i = 0; i < entries.Length; i++)
        {
            if (verdicts[i] == ClockVerdict.Plausible && string.Equals(entries[i].Event.DeviceId, device, StringComparison.Ordinal))
            {
                offset = Math.Min(offset, entries[i].ReceivedTicks - entries[i].OccurredTicks);
            }
        }

        return offset == long.MaxValue ? 0 : offset;
    }

    /// <summary>How long the open piece may still be integrated from its last event, ticks.</summary>
    public static long Remaining(SessionTimeline timeline) => timeline.MaxSegmentTicks - timeline.OpenPieceIntegratedTicks;

    /// <summary>
    /// The delivered dose at <paramref name="asOf"/>: <paramref name="atLastEventMg"/> plus the running rate over the time since
    /// the last event on the pump's clock, capped; <paramref name="atLastEventMg"/> itself when nothing runs.
    /// </summary>
    public static double DeliveredMgAt(SessionTimeline timeline, double atLastEventMg, DateTimeOffset asOf)
    {
        if (!TryRunning(timeline, out var piece))
        {
            return atLastEventMg;
        }

        var device = timeline.Entries[piece.RateEventIndex].Event.DeviceId;
        var deviceNow = asOf.UtcTicks - ClockOffset(timeline, device);
        var ticks = Math.Clamp(deviceNow - piece.To, 0, Math.Max(0, Remaining(timeline)));
        return atLastEventMg + (piece.MgPerHour * ticks / TimeSpan.TicksPerHour);
    }
}
