using System.Text;

namespace InfusionAudit.Domain.Contract;

/// <summary>The known property names of one kind of JSON object, in contract order, with their rejection paths.</summary>
internal sealed class FieldNameTable
{
    private readonly byte[][] utf8Names;

    public FieldNameTable(string pathPrefix, params string[] names)
    {
        if (names.Length > FieldSlots.Capacity)
        {
            throw new ArgumentException($"At most {FieldSlots.Capacity} names fit in a {nameof(FieldSlots)}.", nameof(names));
        }

        Names = names;
        Paths = names.Select(name => pathPrefix + name).ToArray();
        PathPrefix = pathPrefix;
        utf8Names = names.Select(Encoding.UTF8.GetBytes).ToArray();
    }

    /// <summary>Property names, in contract order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Rejection paths of the names (<c>payload.weightKg</c>), same order.</summary>
    public IReadOnlyList<string> Paths { get; }

    /// <summary>The path prefix of this object (<c>""</c> for the envelope, <c>"payload."</c> for payloads).</summary>
    public string PathPrefix { get; }

    /// <summary>The slot index of an unescaped UTF-8 property name, or -1 for a name this table does not know.</summary>
    public int IndexOf(ReadOnlySpan<byte> utf8Name)
    {
        for (var i = 0; i < utf8Names.Length; i++)
        {
            if (utf8Name.SequenceEqual(utf8Names[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The slot index of a decoded property name, or -1.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (string.Equals(name, Names[i], StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
