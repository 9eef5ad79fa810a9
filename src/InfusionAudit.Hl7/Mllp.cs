namespace InfusionAudit.Hl7;

/// <summary>
/// MLLP (HL7 minimal lower layer protocol) framing: each message is <c>&lt;VT&gt;message&lt;FS&gt;&lt;CR&gt;</c>
/// (0x0B, 0x1C, 0x0D). A body that starts with VT is read as a stream of frames; anything else as one message.
/// </summary>
public static class Mllp
{
    public const char StartBlock = '\u000b';
    public const char EndBlock = '\u001c';
    public const char CarriageReturn = '\r';

    /// <summary>The most frames one HTTP body may carry (the contract's 100 events per message, as messages).</summary>
    public const int MaxFrames = 100;

    public static string Frame(string message) => string.Concat(StartBlock.ToString(), message, EndBlock.ToString(), CarriageReturn.ToString());

    public static bool IsFramed(string body) => body.Length > 0 && body[0] == StartBlock;

    /// <summary>Splits a framed stream into its messages, or says why it is not one.</summary>
    public static bool TryUnframe(string body, out IReadOnlyList<string> messages, out string? problem)
    {
        var found = new List<string>();
        messages = found;
        var i = 0;
        while (i < body.Length)
        {
            // White space between frames (a trailing newline from a tool) is not a frame.
            if (body[i] is '\r' or '\n' or ' ' or '\t')
            {
                i++;
                continue;
            }

            if (body[i] != StartBlock)
            {
                problem = "Text outside an MLLP frame: each message must be <VT>message<FS><CR>.";
                return false;
            }

            var end = body.IndexOf(EndBlock, i + 1);
            if (end < 0)
            {
                problem = "An MLLP frame without its end (<FS><CR>): the stream is truncated.";
                return false;
            }

            if (body.IndexOf(StartBlock, i + 1, end - i - 1) >= 0)
            {
                problem = "An MLLP frame starts inside another.";
                return false;
            }

            found.Add(body[(i + 1)..end]);
            if (found.Count > MaxFrames)
            {
                problem = $"More than {MaxFrames} MLLP frames in one body.";
                return false;
            }

            i = end + 1;
            if (i < body.Length && body[i] == CarriageReturn)
            {
                i++;
            }
        }

        problem = found.Count == 0 ? "An MLLP stream without a frame." : null;
        return found.Count > 0;
    }
}
