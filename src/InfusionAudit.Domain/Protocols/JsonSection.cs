using System.Globalization;
using System.Text.Json;

namespace InfusionAudit.Domain.Protocols;

/// <summary>
/// One JSON object of a protocol file, read field by field with its dotted path so that every problem names the field.
/// Unknown fields are problems: a misspelt threshold must not silently fall back to nothing.
/// </summary>
internal sealed class JsonSection
{
    private readonly JsonElement element;
    private readonly List<string> problems;
    private readonly string file;
    private readonly HashSet<string> known = new(StringComparer.Ordinal);

    private JsonSection(string file, string path, JsonElement element, List<string> problems)
    {
        this.file = file;
        Path = path;
        this.element = element;
        this.problems = problems;
    }

    public string Path { get; }

    public static JsonSection Root(string file, JsonElement element, List<string> problems) => new(file, "", element, problems);

    public string FieldPath(string name) => Path.Length == 0 ? name : Path + "." + name;

    public void Problem(string text) => problems.Add($"{file}: {text}");

    public static string Show(double value) => value.ToString("0.0##########", CultureInfo.InvariantCulture);

    public bool Has(string name) => element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    public JsonSection? Section(string name, bool required)
    {
        if (!TryGet(name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            Problem($"{FieldPath(name)} must be an object");
            return null;
        }

        return new JsonSection(file, FieldPath(name), value, problems);
    }

    public string? String(string name, bool required)
    {
        if (!TryGet(name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            Problem($"{FieldPath(name)} must be a non-empty string");
            return null;
        }

        return value.GetString();
    }

    public bool? Boolean(string name, bool required)
    {
        if (!TryGet(name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Problem($"{FieldPath(name)} must be true or false");
            return null;
        }

        return value.GetBoolean();
    }

    public int? Integer(string name, bool required, int min)
    {
        if (!TryGet(name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var result))
        {
            Problem($"{FieldPath(name)} must be an integer (got {value.GetRawText()})");
            return null;
        }

        if (result < min)
        {
            Problem($"{FieldPath(name)} ({result}) must be at least {min}");
            return null;
        }

        return result;
    }

    /// <summary>A finite number from <paramref name="min"/> (inclusive unless <paramref name="minExclusive"/>) to <paramref name="max"/>.</summary>
    public double? Number(string name, bool required, double min, bool minExclusive, double max)
    {
        if (!TryGet(name, required, out var value))
        {
            return null;
        }

        return CheckNumber(FieldPath(name), value, min, minExclusive, max);
    }

    public double[]? Numbers(string name, bool required, double min, bool minExclusive, double max)
    {
        if (!TryGet(name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
        {
            Problem($"{FieldPath(name)} must be a non-empty array of numbers");
            return null;
        }

        var result = new double[value.GetArrayLength()];
        var index = 0;
        var ok = true;
        foreach (var item in value.EnumerateArray())
        {
            var number = CheckNumber($"{FieldPath(name)}[{index}]", item, min, minExclusive, max);
            ok &= number.HasValue;
            result[index++] = number ?? 0;
        }

        return ok ? result : null;
    }

    /// <summary>Reports fields this section did not ask for.</summary>
    public void RejectUnknownFields()
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                Problem($"{FieldPath(property.Name)} is not a known field");
            }
        }
    }

    private double? CheckNumber(string path, JsonElement value, double min, bool minExclusive, double max)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            Problem($"{path} must be a number (got {value.GetRawText()})");
            return null;
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

    private bool TryGet(string name, bool required, out JsonElement value)
    {
        known.Add(name);
        if (element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        if (required)
        {
            Problem($"{FieldPath(name)} is required");
        }

        return false;
    }
}
