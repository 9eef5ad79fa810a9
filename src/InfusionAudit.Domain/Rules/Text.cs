using System.Globalization;
using InfusionAudit.Domain.Units;

namespace InfusionAudit.Domain.Rules;

/// <summary>
/// Numbers, durations and times in evidence sentences (only called when a finding fires). Each number is shown at its
/// unit's clinical precision (<see cref="ShownPrecision"/>), rounded half away from zero as
/// <c>Application/ClinicalPrecision</c> rounds the structured values, without trailing zeros. A value shown beside the
/// limit it was judged against is never shown equal to it unless it is equal (<see cref="Compared"/>).
/// </summary>
internal static class Text
{
    /// <summary>Most decimals <see cref="Compared"/> adds to tell a value from its limit (100 ns of a minute, 1e-12 mg).</summary>
    public const int MostDecimals = 12;

    private static readonly string[] Formats = [.. Enumerable.Range(0, MostDecimals + 1).Select(d => d == 0 ? "0" : "0." + new string('#', d))];

    public static string Mg(double value) => Number(value, ShownPrecision.Mg);

    public static string MgPerKg(double value) => Number(value, ShownPrecision.MgPerKg);

    public static string MgPerKgPerHour(double value) => Number(value, ShownPrecision.MgPerKgPerHour);

    public static string MgPerHour(double value) => Number(value, ShownPrecision.MgPerHour);

    public static string MgPerMl(double value) => Number(value, ShownPrecision.MgPerMl);

    public static string Ml(double value) => Number(value, ShownPrecision.Ml);

    public static string Kg(double value) => Number(value, ShownPrecision.Kg);

    public static string Pct(double value) => Number(value, ShownPrecision.Percent);

    public static string Vital(double value) => Number(value, ShownPrecision.Vital);

    /// <summary>A change in percent with its sign (<c>+10.4</c>, <c>-26</c>, <c>0</c>).</summary>
    public static string SignedPct(double value) => Signed(Number(value, ShownPrecision.Percent));

    /// <summary>A number rounded half away from zero to <paramref name="decimals"/>, trailing zeros dropped; never <c>-0</c>.</summary>
    public static string Number(double value, int decimals)
    {
        if (!double.IsFinite(value))
        {
            return value.ToString(CultureInfo.InvariantCulture);
        }

        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        return (rounded == 0 ? 0.0 : rounded).ToString(Formats[decimals], CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A value and the limit it was judged against, both at the unit's decimals, or at as many more as it takes to show
    /// them different when they are (beyond <see cref="Tolerance"/>): a delivered 2.004 mg/kg against a 2 mg/kg maximum
    /// reads <c>2.004</c> / <c>2</c>, never <c>2</c> / <c>2</c>. Values equal within the tolerance are judged equal and
    /// shown equal. A difference too small for <see cref="MostDecimals"/> reads "just above 2" / "just below 2".
    /// </summary>
    public static (string Value, string Limit) Compared(double value, double limit, int decimals)
    {
        // Rounded apart, two values equal within the tolerance can straddle a midpoint (179.49999999999994 and 179.5 read
        // 179 and 180): judged equal, they read as the limit.
        if (double.IsFinite(value) && double.IsFinite(limit) && Tolerance.NearlyEqual(value, limit))
        {
            var same = Number(limit, decimals);
            return (same, same);
        }

        var shown = Decimals(value, limit, decimals);
        if (shown >= 0)
        {
            return (Number(value, shown), Number(limit, shown));
        }

        var limitText = Number(limit, decimals);
        return (value > limit ? "just above " + limitText : "just below " + limitText, limitText);
    }

    /// <summary>
    /// A value judged outside an inclusive range and the range's ends, at enough decimals to show it outside: the end it
    /// is compared with is the one it crossed (the nearer one).
    /// </summary>
    public static (string Value, string Min, string Max) Outside(double value, double min, double max, int decimals)
    {
        var (shownValue, shownBound) = Compared(value, value < min ? min : max, decimals);
        var shown = Math.Max(decimals, Decimals(value, value < min ? min : max, decimals));
        return value < min ? (shownValue, shownBound, Number(max, shown)) : (shownValue, Number(min, shown), shownBound);
    }

    /// <summary>
    /// The decimals from <paramref name="decimals"/> up that show <paramref name="value"/> and <paramref name="limit"/>
    /// different, the unit's own when they are equal within the tolerance (or not numbers), -1 when no
    /// <see cref="MostDecimals"/> will.
    /// </summary>
    public static int Decimals(double value, double limit, int decimals)
    {
        if (!double.IsFinite(value) || !double.IsFinite(limit) || Tolerance.NearlyEqual(value, limit))
        {
            return decimals;
        }

        for (var d = decimals; d <= MostDecimals; d++)
        {
            if (Math.Round(value, d, MidpointRounding.AwayFromZero) != Math.Round(limit, d, MidpointRounding.AwayFromZero))
            {
                return d;
            }
        }

        return -1;
    }

    public static string Signed(string number) => number.StartsWith('-') || number == "0" ? number : "+" + number;

    /// <summary>
    /// A duration in whole minutes and seconds; seconds to the millisecond, or to the 100 ns tick when that is what
    /// makes it differ from a limit (durations are compared exactly, in ticks). Integer arithmetic: no float noise.
    /// </summary>
    public static string Duration(long ticks)
    {
        var sign = ticks < 0 ? "-" : "";
        var abs = ticks == long.MinValue ? long.MaxValue : Math.Abs(ticks);
        var minutes = abs / TimeSpan.TicksPerMinute;
        var rest = abs % TimeSpan.TicksPerMinute;
        if (rest == 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{sign}{minutes} min");
        }

        var seconds = (decimal)rest / TimeSpan.TicksPerSecond;
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{minutes} min {seconds:0.#######} s");
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
