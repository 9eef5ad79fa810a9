namespace InfusionAudit.Hl7.Er7;

/// <summary>
/// One field: its repetitions, each a list of components, each a list of subcomponents (unescaped text). A field
/// always has at least one repetition of one component of one subcomponent, so an empty field is <c>[[[""]]]</c> and
/// the writer and the parser are exact inverses.
/// </summary>
public sealed record Er7Field(IReadOnlyList<IReadOnlyList<IReadOnlyList<string>>> Repetitions)
{
    public static readonly Er7Field Empty = Of(string.Empty);

    /// <summary>A field of one value (one repetition, one component, one subcomponent).</summary>
    public static Er7Field Of(string value) => new([[[value]]]);

    /// <summary>A field of one repetition with these components, each of one subcomponent.</summary>
    public static Er7Field OfComponents(params string[] components) => new([components.Select(c => (IReadOnlyList<string>)[c]).ToArray()]);

    /// <summary>True when the field carries no text at all.</summary>
    public bool IsEmpty => Repetitions.All(r => r.All(c => c.All(s => s.Length == 0)));

    /// <summary>A value by 1-based repetition, component and subcomponent; empty when absent.</summary>
    public string Value(int component = 1, int subcomponent = 1, int repetition = 1) =>
        repetition >= 1 && repetition <= Repetitions.Count
        && component >= 1 && component <= Repetitions[repetition - 1].Count
        && subcomponent >= 1 && subcomponent <= Repetitions[repetition - 1][component - 1].Count
            ? Repetitions[repetition - 1][component - 1][subcomponent - 1]
            : string.Empty;

    public bool Equals(Er7Field? other) =>
        other is not null
        && Repetitions.Count == other.Repetitions.Count
        && Repetitions.Zip(other.Repetitions).All(r => r.First.Count == r.Second.Count
            && r.First.Zip(r.Second).All(c => c.First.SequenceEqual(c.Second, StringComparer.Ordinal)));

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var value in Repetitions.SelectMany(r => r).SelectMany(c => c))
        {
            hash.Add(value, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }
}
