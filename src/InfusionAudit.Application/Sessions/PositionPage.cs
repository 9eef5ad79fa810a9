namespace InfusionAudit.Application.Sessions;

/// <summary>
/// A page of an ordered list by position: a session's findings and time line are read whole from one partition and
/// ordered in memory, so a position is a stable cursor between reads of an unchanged session.
/// </summary>
internal static class PositionPage
{
    /// <summary>Answers of a list within one response unless asked for fewer.</summary>
    public const int DefaultLimit = 1000;

    public const int MaxLimit = 5000;

    /// <summary>The items from position <paramref name="from"/>, at most <paramref name="limit"/>; next is the position after them, null at the end.</summary>
    public static (List<T> Items, int? Next) Take<T>(IReadOnlyList<T> ordered, int from, int limit)
    {
        var start = Math.Min(Math.Max(from, 0), ordered.Count);
        var count = Math.Min(Math.Max(limit, 0), ordered.Count - start);
        var items = new List<T>(count);
        for (var i = start; i < start + count; i++)
        {
            items.Add(ordered[i]);
        }

        return (items, start + count < ordered.Count ? start + count : null);
    }
}
