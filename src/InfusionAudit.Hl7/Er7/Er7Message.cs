namespace InfusionAudit.Hl7.Er7;

/// <summary>A parsed HL7 v2 message: its delimiters and its segments, MSH first.</summary>
public sealed record Er7Message(Er7Delimiters Delimiters, IReadOnlyList<Er7Segment> Segments)
{
    /// <summary>The MSH segment (always the first of a parsed message).</summary>
    public Er7Segment Header => Segments[0];

    /// <summary>The first segment with this id and its 1-based position, or null.</summary>
    public (Er7Segment Segment, int Sequence)? First(string id)
    {
        for (var i = 0; i < Segments.Count; i++)
        {
            if (string.Equals(Segments[i].Id, id, StringComparison.Ordinal))
            {
                return (Segments[i], i + 1);
            }
        }

        return null;
    }

    public bool Equals(Er7Message? other) =>
        other is not null && Delimiters == other.Delimiters && Segments.SequenceEqual(other.Segments);

    public override int GetHashCode() => HashCode.Combine(Delimiters, Segments.Count);
}
