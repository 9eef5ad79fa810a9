namespace InfusionAudit.Hl7.Er7;

/// <summary>
/// One segment: its id and its fields, <c>Fields[0]</c> being field 1. For MSH, field 1 is the field separator and
/// field 2 the encoding characters, both kept as written (never split or unescaped), as HL7 counts them.
/// </summary>
public sealed record Er7Segment(string Id, IReadOnlyList<Er7Field> Fields)
{
    /// <summary>A field by its 1-based HL7 number; <see cref="Er7Field.Empty"/> when the segment is shorter.</summary>
    public Er7Field Field(int number) => number >= 1 && number <= Fields.Count ? Fields[number - 1] : Er7Field.Empty;

    /// <summary>A value by field, component and subcomponent (first repetition); empty when absent.</summary>
    public string Value(int field, int component = 1, int subcomponent = 1) => Field(field).Value(component, subcomponent);

    public bool Equals(Er7Segment? other) =>
        other is not null && string.Equals(Id, other.Id, StringComparison.Ordinal) && Fields.SequenceEqual(other.Fields);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(Id, StringComparer.Ordinal);
        foreach (var field in Fields)
        {
            hash.Add(field);
        }

        return hash.ToHashCode();
    }
}
