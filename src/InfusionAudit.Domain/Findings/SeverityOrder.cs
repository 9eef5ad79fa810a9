namespace InfusionAudit.Domain.Findings;

/// <summary>
/// The one order of severities and their names as stored and sent (<c>info</c> &lt; <c>warning</c> &lt; <c>critical</c>).
/// The rank is what index tables store, so "severity at least X" is one range condition; it must never change.
/// </summary>
public static class SeverityOrder
{
    private static readonly string[] Ranked = ["info", "warning", "critical"];

    /// <summary>The names in rising order.</summary>
    public static IReadOnlyList<string> Names => Ranked;

    /// <summary>The name as stored on findings and sent in alerts.</summary>
    public static string Name(Severity severity) => severity switch
    {
        Severity.Info => "info",
        Severity.Warning => "warning",
        Severity.Critical => "critical",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "Not a severity."),
    };

    /// <summary>1 info, 2 warning, 3 critical.</summary>
    public static int Rank(Severity severity) => Rank(Name(severity));

    /// <summary>The rank of a stored name: 0 for none or an unknown name, else as <see cref="Rank(Severity)"/>.</summary>
    public static int Rank(string? name) => name is null ? 0 : Array.IndexOf(Ranked, name) + 1;
}
