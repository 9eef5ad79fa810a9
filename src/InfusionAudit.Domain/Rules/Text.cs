using System.Globalization;

namespace InfusionAudit.Domain.Rules;

/// <summary>Number and duration formatting for evidence sentences (only called when a finding fires).</summary>
internal static class Text
{
    public static string N(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    public static string Percent(double value) => value.ToString("+0.#;-0.#;0", CultureInfo.InvariantCulture);

    public static string Duration(long ticks)
    {
        var sign = ticks < 0 ? "-" : "";
        var abs = TimeSpan.FromTicks(Math.Abs(ticks));
        var minutes = (long)abs.TotalMinutes;
        var seconds = abs.TotalSeconds - (minutes * 60);
        return seconds < 0.0005
            ? string.Create(CultureInfo.InvariantCulture, $"{sign}{minutes} min")
            : string.Create(CultureInfo.InvariantCulture, $"{sign}{minutes} min {seconds:0.###} s");
    }

    public static string Duration(TimeSpan span) => Duration(span.Ticks);

    public static string Time(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);

    public static double Minutes(long ticks) => (double)ticks / TimeSpan.TicksPerMinute;

    /// <summary>
    /// A UTC instant from ticks, clamped to the representable range: a device may date an event in year 9999, and a
    /// deadline computed from it must not throw and stop the session's evaluation.
    /// </summary>
    public static DateTimeOffset Instant(long utcTicks) =>
        new(Math.Clamp(utcTicks, DateTimeOffset.MinValue.UtcTicks, DateTimeOffset.MaxValue.UtcTicks), TimeSpan.Zero);
}
