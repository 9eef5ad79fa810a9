using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace InfusionAudit.Simulator.Cli;

/// <summary>Parses RFC 3339 instants for <c>--start</c>; a value without an offset is taken as UTC.</summary>
public static class StartTimeOption
{
    /// <summary>An optional <c>--start</c> option.</summary>
    public static Option<DateTimeOffset?> Create(string description) => new("--start")
    {
        Description = description,
        CustomParser = Parse,
    };

    /// <summary>Yesterday 08:00 UTC: a full simulated day that is already over, so no event lies in the future.</summary>
    public static DateTimeOffset DefaultDayStart(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var today = time.GetUtcNow().UtcDateTime.Date;
        return new DateTimeOffset(today.AddDays(-1).AddHours(8), TimeSpan.Zero);
    }

    private static DateTimeOffset? Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            return value;
        }

        result.AddError($"--start must be an RFC 3339 time such as 2026-11-26T08:00:00Z, not '{text}'.");
        return null;
    }
}
