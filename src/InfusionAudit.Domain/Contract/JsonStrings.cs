using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace InfusionAudit.Domain.Contract;

/// <summary>
/// Reads JSON strings without exceptions. <see cref="JsonElement.GetString"/> throws for an escaped lone surrogate
/// (<c>"\ud800"</c>), which is well-formed JSON but not Unicode text, so every string goes through here.
/// </summary>
internal static class JsonStrings
{
    /// <summary>The string's UTF-8 text: the raw bytes when unescaped (no copy), else decoded. False for an escaped lone surrogate.</summary>
    public static bool TryGetUtf8(JsonElement element, out ReadOnlySpan<byte> utf8)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element);
        var content = raw[1..^1];
        if (content.IndexOf((byte)'\\') < 0)
        {
            utf8 = content;
            return true;
        }

        if (HasUnpairedSurrogateEscape(content))
        {
            utf8 = default;
            return false;
        }

        utf8 = Encoding.UTF8.GetBytes(element.GetString()!);
        return true;
    }

    /// <summary>The string's value; false for an escaped lone surrogate.</summary>
    public static bool TryGetString(JsonElement element, [NotNullWhen(true)] out string? value)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element);
        if (raw[1..^1].IndexOf((byte)'\\') >= 0 && HasUnpairedSurrogateEscape(raw[1..^1]))
        {
            value = null;
            return false;
        }

        value = element.GetString()!;
        return true;
    }

    /// <summary>
    /// True when escaped JSON text holds a <c>\uD800</c>–<c>\uDBFF</c> escape not followed by a low-surrogate escape,
    /// or a <c>\uDC00</c>–<c>\uDFFF</c> escape not preceded by a high one.
    /// </summary>
    /// <remarks>The text comes from a parsed document, so every escape is complete; only surrogate pairing is checked.</remarks>
    public static bool HasUnpairedSurrogateEscape(ReadOnlySpan<byte> escaped)
    {
        var i = escaped.IndexOf((byte)'\\');
        while (i >= 0 && i < escaped.Length - 1)
        {
            if (escaped[i + 1] != (byte)'u')
            {
                i = NextEscape(escaped, i + 2);
                continue;
            }

            var unit = Hex4(escaped.Slice(i + 2, 4));
            i += 6;
            if (char.IsLowSurrogate((char)unit))
            {
                return true;
            }

            if (char.IsHighSurrogate((char)unit))
            {
                if (i + 6 > escaped.Length || escaped[i] != (byte)'\\' || escaped[i + 1] != (byte)'u'
                    || !char.IsLowSurrogate((char)Hex4(escaped.Slice(i + 2, 4))))
                {
                    return true;
                }

                i += 6;
            }

            i = NextEscape(escaped, i);
        }

        return false;
    }

    /// <summary>Unicode code points in a string: what JSON Schema's <c>minLength</c>/<c>maxLength</c> count.</summary>
    public static int CodePointCount(string value)
    {
        var count = value.Length;
        for (var i = 1; i < value.Length; i++)
        {
            if (char.IsLowSurrogate(value[i]) && char.IsHighSurrogate(value[i - 1]))
            {
                count--;
            }
        }

        return count;
    }

    private static int NextEscape(ReadOnlySpan<byte> escaped, int from)
    {
        if (from >= escaped.Length)
        {
            return -1;
        }

        var next = escaped[from..].IndexOf((byte)'\\');
        return next < 0 ? -1 : from + next;
    }

    private static int Hex4(ReadOnlySpan<byte> hex)
    {
        var value = 0;
        foreach (var b in hex)
        {
            value = (value << 4) | HexDigit(b);
        }

        return value;
    }

    private static int HexDigit(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        _ => b - 'A' + 10,
    };
}
