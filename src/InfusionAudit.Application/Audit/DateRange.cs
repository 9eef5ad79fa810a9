namespace InfusionAudit.Application.Audit;

/// <summary>An inclusive range of UTC days, at most <see cref="MaxDays"/> long.</summary>
public readonly record struct DateRange(DateOnly From, DateOnly To)
{
    /// <summary>A year, leap day included: the longest range one query may name.</summary>
    public const int MaxDays = 366;

    public int Days => To.DayNumber - From.DayNumber + 1;
}
