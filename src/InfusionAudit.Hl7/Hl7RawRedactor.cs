using System.Text;
using InfusionAudit.Hl7.Er7;

namespace InfusionAudit.Hl7;

/// <summary>
/// The raw text of an HL7 message as it may be stored (a rejection's audit copy): the segments that identify a person
/// (PID, PD1, NK1, MRG, GT1, IN1, IN2, IN3) lose every field; PID keeps PID-1 and gets, in PID-3, the keyed hash of the
/// patient identifier when it can be read. Text that cannot be split into segments is cut where such a segment id
/// appears, so a broken message never leaks what a parsed one would not.
/// </summary>
public static class Hl7RawRedactor
{
    public const string Withheld = "[withheld: patient identification]";

    private static readonly string[] PersonSegments = ["PID", "PD1", "NK1", "MRG", "GT1", "IN1", "IN2", "IN3"];

    /// <param name="text">The message as received (MLLP framing included or not).</param>
    /// <param name="patientIdLocation">Where the patient identifier is (the mapping's first PID location).</param>
    /// <param name="hash">The keyed hash of a patient identifier (<c>PatientPseudonymizer.Hash</c> within the clinic).</param>
    public static string Redact(string text, Func<string, string> hash, string patientIdLocation = "PID-3.1")
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(hash);
        var parsed = Er7Parser.Parse(text).Message;
        var separator = text.Length > 3 && text.StartsWith("MSH", StringComparison.Ordinal) ? text[3] : '|';
        var builder = new StringBuilder(text.Length);
        var start = 0;
        var sequence = 0;
        while (start <= text.Length)
        {
            var end = text.IndexOfAny(['\r', '\n'], start);
            var line = end < 0 ? text[start..] : text[start..end];
            if (line.Length > 0)
            {
                sequence++;
            }

            builder.Append(RedactLine(line, separator, parsed is not null && sequence <= parsed.Segments.Count ? parsed.Segments[sequence - 1] : null, hash, patientIdLocation));
            if (end < 0)
            {
                break;
            }

            builder.Append(text[end]);
            start = end + 1;
        }

        return builder.ToString();
    }

    private static string RedactLine(string line, char separator, Er7Segment? segment, Func<string, string> hash, string patientIdLocation)
    {
        var id = line.Length >= 3 ? line[..3] : line;
        if (PersonSegments.Contains(id, StringComparer.Ordinal))
        {
            if (segment is { Id: "PID" } pid)
            {
                var location = patientIdLocation.StartsWith("PID-", StringComparison.Ordinal) ? Mapping.Hl7FieldLocation.Parse(patientIdLocation) : new Mapping.Hl7FieldLocation("PID", 3, 1);
                var patient = pid.Value(location.Field, location.Component);
                var setId = new string([.. pid.Value(1).Where(char.IsAsciiDigit)]);
                return patient.Length > 0 ? $"PID{separator}{setId}{separator}{separator}{hash(patient)}" : $"PID{separator}{setId}{separator}{Withheld}";
            }

            return id + separator + Withheld;
        }

        // A person segment's id later in the line (terminators lost, or a segment glued to another): cut from there.
        var cut = PersonSegments.Select(person => line.IndexOf(person + separator, StringComparison.Ordinal)).Where(at => at > 0).DefaultIfEmpty(-1).Min();
        if (cut > 0)
        {
            return line[..cut] + Withheld;
        }

        return line;
    }
}
