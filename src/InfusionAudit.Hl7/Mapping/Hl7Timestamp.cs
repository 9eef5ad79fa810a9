using System.Globalization;

namespace InfusionAudit.Hl7.Mapping;

/// <summary>
/// HL7 DTM (<c>YYYYMMDDHHMM[SS[.S{1,4}]][+/-ZZZZ]</c>) to the contract's RFC 3339 text. Minutes are the least
/// precision read (a clinical event needs a time of day); the offset is required unless a default is configured.
/// </summary>
public static class Hl7Timestamp
{
    public static bool TryParse(string text, int? defaultOffsetMinutes, out DateTimeOffset value, out string? problem)
    {
        value = default;
        var body = text;
        TimeSpan? offset = null;
        var sign = text.IndexOfAny(['+', '-']);
        if (sign >= 0)
        {
            var zone = text[(sign + 1)..];
            if (zone.Length != 4 || !zone.All(char.IsAsciiDigit))
            {
                problem = "the time zone must be +HHMM or -HHMM.";
                return false;
            }

            var minutes = (int.Parse(zone[..2], CultureInfo.InvariantCulture) * 60) + int.Parse(zone[2..], CultureInfo.InvariantCulture);
            if (minutes > 14 * 60 || int.Parse(zone[2..], CultureInfo.InvariantCulture) > 59)
            {
                problem = "the time zone must be within ±14:00.";
                return false;
            }

            offset = TimeSpan.FromMinutes(text[sign] == '-' ? -minutes : minutes);
            body = text[..sign];
        }
        else if (defaultOffsetMinutes is { } configured)
        {
            offset = TimeSpan.FromMinutes(configured);
        }
        else
        {
            problem = "the time has no UTC offset (+HHMM) and no default offset is configured (InfusionAudit:Hl7:DefaultUtcOffsetMinutes).";
            return false;
        }

        string[] formats = ["yyyyMMddHHmm", "yyyyMMddHHmmss", "yyyyMMddHHmmss.f", "yyyyMMddHHmmss.ff", "yyyyMMddHHmmss.fff", "yyyyMMddHHmmss.ffff"];
        if (!DateTime.TryParseExact(body, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            problem = "the time must read YYYYMMDDHHMM[SS[.S]] with a UTC offset +/-HHMM.";
            return false;
        }

        try
        {
            value = new DateTimeOffset(local, offset.Value);
        }
        catch (ArgumentOutOfRangeException)
        {
            problem = "the time with its offset falls outside the representable range.";
            return false;
        }

        problem = null;
        return true;
    }

    public static string ToRfc3339(DateTimeOffset value) =>
        value.ToString(value.Millisecond == 0 && value.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:sszzz" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
}
