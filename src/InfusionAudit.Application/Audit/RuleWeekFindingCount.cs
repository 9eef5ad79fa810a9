namespace InfusionAudit.Application.Audit;

/// <summary>Active findings of one rule in the sessions of one ISO week of session dates (weeks start on Monday).</summary>
/// <param name="Week">The ISO 8601 week, <c>YYYY-Www</c> (the ISO week-numbering year: 2027-01-01 is in 2026-W53).</param>
/// <param name="From">The week's Monday (it may lie before the report's first day).</param>
/// <param name="Rule">The rule id.</param>
/// <param name="Findings">Active findings of the rule in the week's sessions (the same counts as <c>findingsPerRule</c>).</param>
public sealed record RuleWeekFindingCount(string Week, DateOnly From, string Rule, int Findings)
{
    /// <summary>The ISO week of a session date and its Monday.</summary>
    public static (string Week, DateOnly Monday) WeekOf(DateOnly date)
    {
        var day = date.ToDateTime(TimeOnly.MinValue);
        var year = System.Globalization.ISOWeek.GetYear(day);
        var week = System.Globalization.ISOWeek.GetWeekOfYear(day);
        return ($"{year:D4}-W{week:D2}", DateOnly.FromDateTime(System.Globalization.ISOWeek.ToDateTime(year, week, DayOfWeek.Monday)));
    }
}
