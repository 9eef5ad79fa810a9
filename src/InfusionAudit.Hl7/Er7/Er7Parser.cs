using System.Text;

namespace InfusionAudit.Hl7.Er7;

/// <summary>
/// Reads one HL7 v2 message in ER7 (the pipe-and-hat encoding). Strict: the delimiters come from MSH-1 / MSH-2 and
/// must be usable, every segment id is three upper-case letters or digits, the escape sequences <c>\F\ \S\ \T\ \R\
/// \E\</c> (and <c>\P\</c> when MSH-2 declares a truncation character) are decoded, and any other escape sequence
/// (<c>\Xhh\</c> hex, <c>\H\</c>/<c>\N\</c> highlighting, <c>\.br\</c> formatting, <c>\Z..\</c>) is refused: their
/// meaning depends on a character set or a display, and a value we cannot read exactly is not guessed.
/// </summary>
/// <remarks>
/// Segments end with CR (HL7). LF and CR LF are accepted as well: files, editors and <c>curl --data-binary</c> bodies
/// often carry them, and since neither CR nor LF may appear inside an ER7 value (they must be escaped), treating
/// them as terminators can neither split nor merge a segment of a valid message. Terminators after the last segment
/// are ignored; an empty line between segments is refused.
/// </remarks>
public static class Er7Parser
{
    /// <summary>The longest message read: far above any PCD-01 or PCD-10 message (a few KiB), small enough to refuse a flood unread.</summary>
    public const int MaxMessageChars = 1024 * 1024;

    /// <summary>The most segments one message may hold.</summary>
    public const int MaxSegments = 5000;

    /// <summary>Parses a message, or says (with the segment and field) why it cannot be read.</summary>
    public static Er7ParseResult Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxMessageChars)
        {
            return Fail(Hl7Problem.Reject(null, null, null, Hl7Problem.ApplicationError, $"The message is longer than {MaxMessageChars} characters and was not read."));
        }

        if (text.Length < 8 || !text.StartsWith("MSH", StringComparison.Ordinal))
        {
            return Fail(Hl7Problem.Reject("MSH", 1, null, Hl7Problem.SegmentSequenceError, "A message must start with an MSH segment (MSH, the field separator and the four encoding characters)."));
        }

        var fieldSeparator = text[3];
        var encodingEnd = text.IndexOfAny([fieldSeparator, '\r', '\n'], 4);
        var encoding = encodingEnd < 0 ? text[4..] : text[4..encodingEnd];
        if (!Er7Delimiters.TryCreate(fieldSeparator, encoding, out var delimiters, out var problem))
        {
            return Fail(Hl7Problem.Reject("MSH", 1, 2, Hl7Problem.DataTypeError, problem!));
        }

        var lines = SplitSegments(text);
        if (lines.Count > MaxSegments)
        {
            return Fail(Hl7Problem.Reject(null, null, null, Hl7Problem.ApplicationError, $"The message holds more than {MaxSegments} segments and was not read."));
        }

        var segments = new List<Er7Segment>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            var sequence = i + 1;
            var line = lines[i];
            if (line.Length == 0)
            {
                return Fail(Hl7Problem.Reject(null, sequence, null, Hl7Problem.SegmentSequenceError, $"Segment {sequence} is empty: an empty line between segments."));
            }

            var separatorAt = line.IndexOf(fieldSeparator, StringComparison.Ordinal);
            var id = separatorAt < 0 ? line : line[..separatorAt];
            if (!IsSegmentId(id))
            {
                return Fail(Hl7Problem.Reject(null, sequence, null, Hl7Problem.SegmentSequenceError, $"Segment {sequence} does not start with a segment id (three upper-case letters or digits, then the field separator)."));
            }

            if (i > 0 && id == "MSH")
            {
                return Fail(Hl7Problem.Reject("MSH", sequence, null, Hl7Problem.SegmentSequenceError, "A second MSH segment: send one message per request, or an MLLP-framed stream of messages."));
            }

            var result = i == 0 ? ParseHeader(line, delimiters!) : ParseSegment(id, sequence, separatorAt < 0 ? null : line[(separatorAt + 1)..], delimiters!);
            if (result.Problem is { } segmentProblem)
            {
                return Fail(segmentProblem);
            }

            segments.Add(result.Segment!);
        }

        return new Er7ParseResult(new Er7Message(delimiters!, segments), null);
    }

    private static Er7ParseResult Fail(Hl7Problem problem) => new(null, problem);

    private static List<string> SplitSegments(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '\r' or '\n')
            {
                lines.Add(text[start..i]);
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            lines.Add(text[start..]);
        }

        // Terminators after the last segment end it; they are not empty segments.
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    private static bool IsSegmentId(string id) =>
        id.Length == 3 && char.IsAsciiLetterUpper(id[0]) && (char.IsAsciiLetterUpper(id[1]) || char.IsAsciiDigit(id[1])) && (char.IsAsciiLetterUpper(id[2]) || char.IsAsciiDigit(id[2]));

    private static (Er7Segment? Segment, Hl7Problem? Problem) ParseHeader(string line, Er7Delimiters delimiters)
    {
        var encoding = delimiters.EncodingCharacters;
        var afterEncoding = 4 + encoding.Length;
        if (afterEncoding < line.Length && line[afterEncoding] != delimiters.Field)
        {
            return (null, Hl7Problem.Reject("MSH", 1, 2, Hl7Problem.DataTypeError, "MSH-2 must be followed by the field separator."));
        }

        var fields = new List<Er7Field> { Er7Field.Of(delimiters.Field.ToString()), Er7Field.Of(encoding) };
        if (afterEncoding < line.Length)
        {
            var rest = ParseSegment("MSH", 1, line[(afterEncoding + 1)..], delimiters, firstField: 3);
            if (rest.Problem is not null)
            {
                return rest;
            }

            fields.AddRange(rest.Segment!.Fields);
        }

        return (new Er7Segment("MSH", fields), null);
    }

    private static (Er7Segment? Segment, Hl7Problem? Problem) ParseSegment(string id, int sequence, string? body, Er7Delimiters delimiters, int firstField = 1)
    {
        if (body is null)
        {
            return (new Er7Segment(id, []), null);
        }

        var rawFields = body.Split(delimiters.Field);
        var fields = new Er7Field[rawFields.Length];
        for (var f = 0; f < rawFields.Length; f++)
        {
            var number = f + firstField;
            var repetitions = rawFields[f].Split(delimiters.Repetition);
            var parsed = new IReadOnlyList<IReadOnlyList<string>>[repetitions.Length];
            for (var r = 0; r < repetitions.Length; r++)
            {
                var components = repetitions[r].Split(delimiters.Component);
                var parsedComponents = new IReadOnlyList<string>[components.Length];
                for (var c = 0; c < components.Length; c++)
                {
                    var subcomponents = components[c].Split(delimiters.Subcomponent);
                    var values = new string[subcomponents.Length];
                    for (var s = 0; s < subcomponents.Length; s++)
                    {
                        if (!TryUnescape(subcomponents[s], delimiters, out var value, out var why))
                        {
                            return (null, new Hl7Problem(id, sequence, number, c + 1, Hl7Problem.DataTypeError, Hl7ProblemKind.Reject, $"{id}-{number}: {why}"));
                        }

                        values[s] = value;
                    }

                    parsedComponents[c] = values;
                }

                parsed[r] = parsedComponents;
            }

            fields[f] = new Er7Field(parsed);
        }

        return (new Er7Segment(id, fields), null);
    }

    private static bool TryUnescape(string raw, Er7Delimiters delimiters, out string value, out string? why)
    {
        why = null;
        value = raw;
        if (raw.AsSpan().IndexOfAnyInRange('\0', '\u001f') >= 0 || raw.Contains('\u007f', StringComparison.Ordinal))
        {
            why = "a control character in a value (only printable text and escape sequences are read).";
            return false;
        }

        if (raw.IndexOf(delimiters.Escape, StringComparison.Ordinal) < 0)
        {
            return true;
        }

        var builder = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != delimiters.Escape)
            {
                builder.Append(raw[i]);
                continue;
            }

            var end = raw.IndexOf(delimiters.Escape, i + 1);
            if (end < 0)
            {
                why = "an escape sequence that does not end (a lone escape character).";
                return false;
            }

            var sequence = raw[(i + 1)..end];
            char? decoded = sequence switch
            {
                "F" => delimiters.Field,
                "S" => delimiters.Component,
                "T" => delimiters.Subcomponent,
                "R" => delimiters.Repetition,
                "E" => delimiters.Escape,
                "P" when delimiters.Truncation is { } t => t,
                _ => null,
            };
            if (decoded is null)
            {
                why = sequence.Length > 0 && sequence[0] == 'X'
                    ? "a hexadecimal escape sequence (\\X..\\): its meaning depends on a character set, so it is refused rather than guessed; send the text itself (UTF-8)."
                    : "an escape sequence other than \\F\\ \\S\\ \\T\\ \\R\\ \\E\\ (formatting and character-set escapes are refused).";
                return false;
            }

            builder.Append(decoded.Value);
            i = end;
        }

        value = builder.ToString();
        return true;
    }
}
