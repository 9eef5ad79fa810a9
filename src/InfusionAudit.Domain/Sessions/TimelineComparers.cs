namespace InfusionAudit.Domain.Sessions;

/// <summary>Orders events by id then receipt, so the first receipt of each event id comes first.</summary>
internal readonly struct ByEventIdThenReceipt : IComparer<TimelineEntry>
{
    public int Compare(TimelineEntry x, TimelineEntry y)
    {
        var c = string.CompareOrdinal(x.Event.EventId, y.Event.EventId);
        if (c != 0)
        {
            return c;
        }

        c = x.ReceivedTicks.CompareTo(y.ReceivedTicks);
        if (c != 0)
        {
            return c;
        }

        // Same id received at the same instant with different content breaks the contract; these keys still make the pick
        // independent of arrival order.
        c = x.Event.Sequence.CompareTo(y.Event.Sequence);
        if (c != 0)
        {
            return c;
        }

        c = x.OccurredTicks.CompareTo(y.OccurredTicks);
        return c != 0 ? c : ((int)x.Event.Type).CompareTo((int)y.Event.Type);
    }
}

/// <summary>The timeline order: occurredAt (UTC), then sequence, then event id.</summary>
internal readonly struct ByTimeline : IComparer<TimelineEntry>
{
    public int Compare(TimelineEntry x, TimelineEntry y)
    {
        var c = x.OccurredTicks.CompareTo(y.OccurredTicks);
        if (c != 0)
        {
            return c;
        }

        c = x.Event.Sequence.CompareTo(y.Event.Sequence);
        return c != 0 ? c : string.CompareOrdinal(x.Event.EventId, y.Event.EventId);
    }
}
