using System.Globalization;
using InfusionAudit.Domain.Units;

namespace InfusionAudit.Application;

/// <summary>
/// How numbers and times are shown in answers (JSON and CSV alike). Values are stored at full precision; an answer
/// rounds each to the precision a clinician reads it at, chosen by the unit its name ends with (evidence values and
/// fields are named with their unit: <c>deliveredMg</c>, <c>deliveredMgPerKg</c>, <c>spo2Percent</c>): mg 0.1, mg/kg
/// 0.01, mL and mL/h 0.1, % 0.1 (<see cref="ShownPrecision"/>, the table evidence sentences use too). A number without a known unit gets three decimals, which removes binary float noise
/// (<c>63.449999999999996</c>) and nothing a reader needs.
/// </summary>
public static class ClinicalPrecision
{
    /// <summary>Every time in an answer: milliseconds and the value's own offset (<c>2026-11-01T08:00:00.000+00:00</c>).</summary>
    public const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffzzz";

    /// <summary>Decimals for a number without a unit in its name.</summary>
    public const int DefaultDecimals = 3;

    // Longest suffix first: "MgPerKgPerHour" must not be read as "PerHour" or "Mg".
    private static readonly (string Suffix, int Decimals)[] Units =
    [
        ("MgPerKgPerHour", ShownPrecision.MgPerKgPerHour),
        ("MgPerKg", ShownPrecision.MgPerKg),
        ("MgPerMl", ShownPrecision.MgPerMl),
        ("MgPerHour", ShownPrecision.MgPerHour),
        ("MlPerHour", ShownPrecision.MlPerHour),
        ("Percent", ShownPrecision.Percent),
        ("Mg", ShownPrecision.Mg),
        ("Ml", ShownPrecision.Ml),
        ("Kg", ShownPrecision.Kg),
        ("Min", ShownPrecision.Minutes),
        ("Hours", ShownPrecision.Hours),
        ("Years", ShownPrecision.Years),
        ("MmHg", ShownPrecision.Vital),
        ("Bpm", ShownPrecision.Vital),
        ("PerMin", ShownPrecision.Vital),
        ("Count", 0),
        ("Sequence", 0),
        ("Missing", 0),
    ];

    /// <summary>Decimals shown for a value named <paramref name="name"/> (its unit is the end of the name).</summary>
    public static int Decimals(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var (suffix, decimals) in Units)
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
            {
                return decimals;
            }
        }

        return DefaultDecimals;
    }

    /// <summary>The value as shown for a value named <paramref name="name"/>.</summary>
    public static double Round(string name, double value) => Round(value, Decimals(name));

    public static double? Round(string name, double? value) => value is { } v ? Round(name, v) : null;

    /// <summary>Half away from zero, as a person rounds; non-finite values are left as they are.</summary>
    public static double Round(double value, int decimals) =>
        double.IsFinite(value) ? Math.Round(value, decimals, MidpointRounding.AwayFromZero) : value;

    /// <summary>Every value of a unit-named map rounded by its own name.</summary>
    public static IReadOnlyDictionary<string, double> Round(IReadOnlyDictionary<string, double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var rounded = new Dictionary<string, double>(values.Count, StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            rounded[name] = Round(name, value);
        }

        return rounded;
    }

    /// <summary>A time as every answer writes it.</summary>
    public static string Time(DateTimeOffset value) => value.ToString(TimeFormat, CultureInfo.InvariantCulture);

    /// <summary>A number without a unit in its name, as every answer writes it (shortest round-trip text of the rounded value).</summary>
    public static string Number(double value) => Round(value, DefaultDecimals).ToString("R", CultureInfo.InvariantCulture);
}
