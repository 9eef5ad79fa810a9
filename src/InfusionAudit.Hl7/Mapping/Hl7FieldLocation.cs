using System.Globalization;
using InfusionAudit.Hl7.Er7;

namespace InfusionAudit.Hl7.Mapping;

/// <summary>A configured place in a message: <c>PV1-19.1</c> is segment PV1, field 19, component 1.</summary>
public sealed record Hl7FieldLocation(string Segment, int Field, int Component)
{
    public override string ToString() => $"{Segment}-{Field}.{Component}";

    /// <exception cref="FormatException">The text is not <c>SEG-n</c> or <c>SEG-n.c</c>.</exception>
    public static Hl7FieldLocation Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash != 3)
        {
            throw new FormatException($"An HL7 location reads SEG-field[.component], e.g. PV1-19.1; '{text}' does not.");
        }

        var rest = text[4..].Split('.');
        if (rest.Length is < 1 or > 2
            || !int.TryParse(rest[0], NumberStyles.None, CultureInfo.InvariantCulture, out var field) || field < 1
            || (rest.Length == 2 && (!int.TryParse(rest[1], NumberStyles.None, CultureInfo.InvariantCulture, out _) || int.Parse(rest[1], CultureInfo.InvariantCulture) < 1)))
        {
            throw new FormatException($"An HL7 location reads SEG-field[.component], e.g. PV1-19.1; '{text}' does not.");
        }

        return new Hl7FieldLocation(text[..3], field, rest.Length == 2 ? int.Parse(rest[1], CultureInfo.InvariantCulture) : 1);
    }

    /// <summary>The value at this place in the first segment of its kind that has one, with that segment's position.</summary>
    public (string Value, int Sequence)? Read(Er7Message message)
    {
        for (var i = 0; i < message.Segments.Count; i++)
        {
            var segment = message.Segments[i];
            if (segment.Id == Segment && segment.Value(Field, Component) is { Length: > 0 } value)
            {
                return (value, i + 1);
            }
        }

        return null;
    }
}
