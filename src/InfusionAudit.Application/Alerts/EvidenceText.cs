using System.Globalization;
using System.Text;
using InfusionAudit.Domain.Findings;

namespace InfusionAudit.Application.Alerts;

/// <summary>
/// A finding's numbers as a clinician reads them on a page (<c>SpO2 86 %</c>, <c>RR 7/min</c>, <c>delivered 1.02 mg/kg</c>):
/// built from the structured evidence values (never parsed from the sentence), each rounded by
/// <see cref="ClinicalPrecision"/> and labelled by its name, the unit being the end of the name.
/// </summary>
public static class EvidenceText
{
    // Longest suffix first: "MgPerKgPerHour" must not be read as "Mg", nor "PerMin" as "Min".
    private static readonly (string Suffix, string Unit)[] Units =
    [
        ("MgPerKgPerHour", " mg/kg/h"),
        ("MgPerKg", " mg/kg"),
        ("MgPerMl", " mg/mL"),
        ("MgPerHour", " mg/h"),
        ("MlPerHour", " mL/h"),
        ("Percent", " %"),
        ("Mg", " mg"),
        ("Ml", " mL"),
        ("Kg", " kg"),
        ("PerMin", "/min"),
        ("Min", " min"),
        ("Hours", " h"),
        ("Years", " years"),
        ("MmHg", " mmHg"),
        ("Bpm", " bpm"),
    ];

    // The vital signs by the short names a bedside chart uses.
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["spo2"] = "SpO2",
        ["respiratoryRate"] = "RR",
        ["heartRate"] = "HR",
    };

    /// <summary>Every value of the evidence, in name order, except the bookkeeping marks (events missing, clock judged).</summary>
    public static IReadOnlyList<string> Values(IReadOnlyDictionary<string, double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return
        [
            .. values
                .Where(v => v.Key is not Finding.EventsMissingKey and not Finding.ClockOffsetJudgedKey)
                .OrderBy(v => v.Key, StringComparer.Ordinal)
                .Select(v => Value(v.Key, v.Value)),
        ];
    }

    /// <summary>One value with its label and unit, rounded to clinical precision.</summary>
    public static string Value(string name, double value)
    {
        ArgumentNullException.ThrowIfNull(name);
        var number = ClinicalPrecision.Round(name, value).ToString("0.###", CultureInfo.InvariantCulture);
        foreach (var (suffix, unit) in Units)
        {
            if (name.Length > suffix.Length && name.EndsWith(suffix, StringComparison.Ordinal))
            {
                return $"{Label(name[..^suffix.Length])} {number}{unit}";
            }
        }

        return $"{Label(name)} {number}";
    }

    private static string Label(string stem)
    {
        if (Labels.TryGetValue(stem, out var label))
        {
            return label;
        }

        var words = new StringBuilder(stem.Length + 4);
        foreach (var c in stem)
        {
            if (char.IsUpper(c) && words.Length > 0)
            {
                words.Append(' ');
            }

            words.Append(char.ToLowerInvariant(c));
        }

        return words.ToString();
    }
}
