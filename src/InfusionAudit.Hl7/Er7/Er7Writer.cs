using System.Text;

namespace InfusionAudit.Hl7.Er7;

/// <summary>
/// Writes a message in ER7, each segment ended by CR, escaping delimiters in values (<c>\F\ \S\ \T\ \R\ \E\</c>, and
/// <c>\P\</c> for a declared truncation character). The exact inverse of <see cref="Er7Parser"/>: parsing what this
/// writes gives the message back, and writing a parsed message gives back any input whose segments end with CR and
/// whose escapes are the ones this writer emits.
/// </summary>
public static class Er7Writer
{
    /// <exception cref="ArgumentException">A value holds a control character (CR, LF...), which ER7 cannot carry, or the message does not start with MSH.</exception>
    public static string Write(Er7Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Segments.Count == 0 || message.Segments[0].Id != "MSH")
        {
            throw new ArgumentException("A message starts with MSH.", nameof(message));
        }

        var d = message.Delimiters;
        var builder = new StringBuilder();
        foreach (var segment in message.Segments)
        {
            builder.Append(segment.Id);
            var first = 0;
            if (segment.Id == "MSH")
            {
                builder.Append(d.Field).Append(d.EncodingCharacters);
                first = 2;
            }

            for (var f = first; f < segment.Fields.Count; f++)
            {
                builder.Append(d.Field);
                WriteField(builder, segment.Fields[f], d);
            }

            builder.Append('\r');
        }

        return builder.ToString();
    }

    private static void WriteField(StringBuilder builder, Er7Field field, Er7Delimiters d)
    {
        for (var r = 0; r < field.Repetitions.Count; r++)
        {
            if (r > 0)
            {
                builder.Append(d.Repetition);
            }

            var components = field.Repetitions[r];
            for (var c = 0; c < components.Count; c++)
            {
                if (c > 0)
                {
                    builder.Append(d.Component);
                }

                var subcomponents = components[c];
                for (var s = 0; s < subcomponents.Count; s++)
                {
                    if (s > 0)
                    {
                        builder.Append(d.Subcomponent);
                    }

                    Escape(builder, subcomponents[s], d);
                }
            }
        }
    }

    private static void Escape(StringBuilder builder, string value, Er7Delimiters d)
    {
        foreach (var ch in value)
        {
            if (ch < ' ' || ch == '\u007f')
            {
                throw new ArgumentException("An ER7 value cannot hold a control character (CR, LF, tab...).", nameof(value));
            }

            string? code = ch == d.Escape ? "E"
                : ch == d.Field ? "F"
                : ch == d.Component ? "S"
                : ch == d.Subcomponent ? "T"
                : ch == d.Repetition ? "R"
                : ch == d.Truncation ? "P"
                : null;
            if (code is null)
            {
                builder.Append(ch);
            }
            else
            {
                builder.Append(d.Escape).Append(code).Append(d.Escape);
            }
        }
    }
}
