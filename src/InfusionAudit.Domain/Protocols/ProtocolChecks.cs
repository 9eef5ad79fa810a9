using System.Globalization;

namespace InfusionAudit.Domain.Protocols;

/// <summary>
/// The problems of one protocol file, each prefixed with the file; required fields and ranges are checked here with the
/// field's dotted path, so that every problem names the file, the field and what is wrong.
/// </summary>
internal sealed class ProtocolChecks(string file, List<string> problems)
{
    // Fields already reported for their JSON shape (wrong type, unknown): they read as absent, and "is required" would repeat them.
    private readonly HashSet<string> shapeProblems = new(StringComparer.Ordinal);

    public static string Show(double value) => value.ToString("0.0##########", CultureInfo.InvariantCulture);

    public static string Path(string section, string name) => section.Length == 0 ? name : section + "." + name;

    public void Problem(string text) => problems.Add($"{file}: {text}");

    public void ShapeProblem(string path, string text)
    {
        shapeProblems.Add(path);
        Problem($"{path} {text}");
    }

    /// <summary>A field left out because a part of it (an array item) was reported.</summary>
    public void LeftOut(string path) => shapeProblems.Add(path);

    /// <summary>The section or string at <paramref name="path"/>; null (and a problem when required) when absent.</summary>
    public T? Present<T>(T? value, string path, bool required)
        where T : class
    {
        if (value is null && required)
        {
            Missing(path);
        }

        return value;
    }

    public int? Integer(int? value, string path, bool required, int min)
    {
        if (value is not { } number)
        {
            return Absent<int>(path, required);
        }

        if (number < min)
        {
            Problem($"{path} ({number}) must be at least {min}");
            return null;
        }

        return number;
    }

    /// <summary>A number from <paramref name="min"/> (inclusive unless <paramref name="minExclusive"/>) to <paramref name="max"/>.</summary>
    public double? Number(double? value, string path, bool required, double min, bool minExclusive, double max)
    {
        if (value is not { } number)
        {
            return Absent<double>(path, required);
        }

        if (minExclusive ? number <= min : number < min)
        {
            Problem($"{path} ({Show(number)}) must be {(minExclusive ? "above" : "at least")} {Show(min)}");
            return null;
        }

        if (number > max)
        {
            Problem($"{path} ({Show(number)}) must be at most {Show(max)}");
            return null;
        }

        return number;
    }

    public double[]? Numbers(double[]? values, string path, bool required, double min, bool minExclusive, double max)
    {
        if (values is null)
        {
            Absent<double>(path, required);
            return null;
        }

        var ok = true;
        for (var i = 0; i < values.Length; i++)
        {
            ok &= Number(values[i], $"{path}[{i}]", required: true, min, minExclusive, max).HasValue;
        }

        return ok ? values : null;
    }

    private TValue? Absent<TValue>(string path, bool required)
        where TValue : struct
    {
        if (required)
        {
            Missing(path);
        }

        return null;
    }

    private void Missing(string path)
    {
        if (!shapeProblems.Contains(path))
        {
            Problem($"{path} is required");
        }
    }
}
