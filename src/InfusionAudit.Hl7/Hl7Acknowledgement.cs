using System.Globalization;
using InfusionAudit.Hl7.Er7;
using InfusionAudit.Hl7.Mapping;

namespace InfusionAudit.Hl7;

/// <summary>
/// Writes the ACK for one message: MSH (sender and receiver swapped), MSA (the code, MSH-10 echoed) and, for a
/// problem, ERR with its location (ERR-2: segment, sequence, field, repetition, component), its HL7 table 0357 code
/// (ERR-3), severity E (ERR-4) and a sentence (ERR-8). Original mode answers AA / AE / AR; enhanced mode CA / CE / CR,
/// chosen when the message fills MSH-15 or MSH-16 (HL7 v2: either one selects enhanced mode) or when configured.
/// </summary>
public static class Hl7Acknowledgement
{
    /// <param name="header">The message's header, or null when it could not be read (MSA-2 then stays empty).</param>
    /// <param name="ackControlId">MSH-10 of the ACK itself.</param>
    public static string Write(Hl7MessageHeader? header, Hl7AckCode code, Hl7Problem? problem, DateTimeOffset now, string ackControlId, bool enhanced)
    {
        ArgumentNullException.ThrowIfNull(ackControlId);
        var useEnhanced = enhanced || (header is not null && (header.AcceptAcknowledgementType.Length > 0 || header.ApplicationAcknowledgementType.Length > 0));
        var msa1 = (code, useEnhanced) switch
        {
            (Hl7AckCode.Accept, false) => "AA",
            (Hl7AckCode.Error, false) => "AE",
            (Hl7AckCode.Reject, false) => "AR",
            (Hl7AckCode.Accept, true) => "CA",
            (Hl7AckCode.Error, true) => "CE",
            _ => "CR",
        };
        var d = Er7Delimiters.Standard;
        var version = header?.Version is { Length: > 0 } v && v.StartsWith("2.", StringComparison.Ordinal) ? v : "2.6";
        List<Er7Segment> segments =
        [
            new("MSH",
            [
                Er7Field.Of("|"), Er7Field.Of(d.EncodingCharacters),
                Sanitize(header?.ReceivingApplication) ?? Er7Field.Of("InfusionAudit"), Sanitize(header?.ReceivingFacility) ?? Er7Field.Empty,
                Sanitize(header?.SendingApplication) ?? Er7Field.Empty, Sanitize(header?.SendingFacility) ?? Er7Field.Empty,
                Er7Field.Of(now.ToString("yyyyMMddHHmmsszzz", CultureInfo.InvariantCulture).Replace(":", string.Empty, StringComparison.Ordinal)),
                Er7Field.Empty,
                Er7Field.OfComponents("ACK", Clean(header?.TriggerEvent ?? string.Empty), "ACK"),
                Er7Field.Of(ackControlId),
                Sanitize(header?.ProcessingId) ?? Er7Field.Of("P"),
                Er7Field.Of(version),
            ]),
            new("MSA", [Er7Field.Of(msa1), Er7Field.Of(Clean(header?.ControlId ?? string.Empty))]),
        ];
        if (problem is not null)
        {
            segments.Add(new Er7Segment("ERR",
            [
                Er7Field.Empty,
                Er7Field.OfComponents(
                    problem.Segment ?? string.Empty,
                    Number(problem.SegmentSequence),
                    Number(problem.Field),
                    problem.Field is null ? string.Empty : "1",
                    Number(problem.Component)),
                Er7Field.OfComponents(problem.Code.ToString(CultureInfo.InvariantCulture), CodeText(problem.Code), "HL70357"),
                Er7Field.Of("E"),
                Er7Field.Empty, Er7Field.Empty, Er7Field.Empty,
                Er7Field.Of(Clean(problem.Text)),
            ]));
        }

        return Er7Writer.Write(new Er7Message(d, segments));
    }

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    private static string CodeText(int code) => code switch
    {
        Hl7Problem.SegmentSequenceError => "Segment sequence error",
        Hl7Problem.RequiredFieldMissing => "Required field missing",
        Hl7Problem.DataTypeError => "Data type error",
        Hl7Problem.TableValueNotFound => "Table value not found",
        Hl7Problem.UnsupportedMessageType => "Unsupported message type",
        Hl7Problem.UnsupportedVersion => "Unsupported version id",
        _ => "Application internal error",
    };

    // Echoed text comes from the sender: keep it writable (no control characters) and short.
    private static string Clean(string text)
    {
        var cleaned = new string([.. text.Where(c => c >= ' ' && c != '\u007f')]);
        return cleaned.Length <= 199 ? cleaned : cleaned[..199];
    }

    private static Er7Field? Sanitize(Er7Field? field) =>
        field is null ? null : new Er7Field([.. field.Repetitions.Select(r => (IReadOnlyList<IReadOnlyList<string>>)[.. r.Select(c => (IReadOnlyList<string>)[.. c.Select(Clean)])])]);
}
