using System.Text;

namespace InfusionAudit.Domain.Contract;

/// <summary>The contract spellings of an enum's values, matched byte for byte (case-sensitive) without allocating.</summary>
internal sealed class EnumNames<TEnum>
    where TEnum : struct, Enum
{
    private readonly byte[][] utf8Names;
    private readonly TEnum[] values;

    public EnumNames(Func<string, string> contractSpelling)
    {
        values = Enum.GetValues<TEnum>();
        var names = values.Select(value => contractSpelling(value.ToString())).ToArray();
        utf8Names = names.Select(Encoding.UTF8.GetBytes).ToArray();
        Expectation = string.Join(", ", names);
    }

    /// <summary>The allowed spellings, comma-separated, for rejection messages.</summary>
    public string Expectation { get; }

    /// <summary>Contract spelling of enum member names that are PascalCase in C#: <c>LossOfConsciousness</c> → <c>lossOfConsciousness</c>.</summary>
    public static string CamelCase(string name) => string.Concat(name[..1].ToLowerInvariant(), name.AsSpan(1));

    /// <summary>Contract spelling equal to the C# name (<c>SessionStarted</c>, <c>IV</c>).</summary>
    public static string AsIs(string name) => name;

    public bool TryMatch(ReadOnlySpan<byte> utf8, out TEnum value)
    {
        for (var i = 0; i < utf8Names.Length; i++)
        {
            if (utf8.SequenceEqual(utf8Names[i]))
            {
                value = values[i];
                return true;
            }
        }

        value = default;
        return false;
    }
}
