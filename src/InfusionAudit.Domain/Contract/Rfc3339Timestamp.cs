namespace InfusionAudit.Domain.Contract;

/// <summary>
/// Parses the RFC 3339 <c>date-time</c> production with a mandatory offset, by hand: no culture, no regex, no allocation.
/// </summary>
/// <remarks>
/// Accepted: <c>YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm)</c>, with <c>t</c>/<c>z</c> in lower case too (RFC 3339 §5.6).
/// Narrower than RFC 3339 where <see cref="DateTimeOffset"/> cannot hold the value, and the JSON Schema pattern agrees:
/// no leap second (<c>:60</c>), offsets within ±14:00, years 0001–9999, and neither 0001-01-01 with a positive offset nor
/// 9999-12-31 with a negative one (their UTC instant can fall outside the representable range). Fraction digits past the
/// seventh (100 ns) are truncated.
/// </remarks>
internal static class Rfc3339Timestamp
{
    private const int MaxOffsetMinutes = 14 * 60;

    public static bool TryParse(ReadOnlySpan<byte> text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length < 20
            || !TryDigits(text[..4], out var year) || text[4] != '-'
            || !TryDigits(text.Slice(5, 2), out var month) || text[7] != '-'
            || !TryDigits(text.Slice(8, 2), out var day) || (text[10] != 'T' && text[10] != 't')
            || !TryDigits(text.Slice(11, 2), out var hour) || text[13] != ':'
            || !TryDigits(text.Slice(14, 2), out var minute) || text[16] != ':'
            || !TryDigits(text.Slice(17, 2), out var second))
        {
            return false;
        }

        var position = 19;
        long fractionTicks = 0;
        if (text[position] == '.')
        {
            position++;
            var digits = 0;
            while (position < text.Length && IsDigit(text[position]))
            {
                if (digits < 7)
                {
                    fractionTicks = (fractionTicks * 10) + (text[position] - '0');
                }

                digits++;
                position++;
            }

            if (digits == 0)
            {
                return false;
            }

            for (var scale = digits; scale < 7; scale++)
            {
                fractionTicks *= 10;
            }
        }

        if (!TryOffset(text[position..], out var offsetMinutes))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59
            || (year == 1 && month == 1 && day == 1 && offsetMinutes > 0)
            || (year == 9999 && month == 12 && day == 31 && offsetMinutes < 0))
        {
            return false;
        }

        value = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.FromMinutes(offsetMinutes))
            .AddTicks(fractionTicks);
        return true;
    }

    private static bool TryOffset(ReadOnlySpan<byte> text, out int minutes)
    {
        minutes = 0;
        if (text.Length == 1)
        {
            return text[0] is (byte)'Z' or (byte)'z';
        }

        if (text.Length != 6 || (text[0] != '+' && text[0] != '-') || text[3] != ':'
            || !TryDigits(text.Slice(1, 2), out var hours) || !TryDigits(text.Slice(4, 2), out var mins)
            || mins > 59)
        {
            return false;
        }

        minutes = (hours * 60) + mins;
        if (minutes > MaxOffsetMinutes)
        {
            return false;
        }

        if (text[0] == '-')
        {
            minutes = -minutes;
        }

        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (var b in text)
        {
            if (!IsDigit(b))
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';
}
