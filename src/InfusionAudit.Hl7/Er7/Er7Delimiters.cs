namespace InfusionAudit.Hl7.Er7;

/// <summary>
/// The five (HL7 2.7+: six) delimiters a message declares in MSH-1 and MSH-2. Each must be a printable ASCII
/// character that is neither a letter, a digit nor a space, and all must differ: otherwise no reader can tell data
/// from structure.
/// </summary>
public sealed record Er7Delimiters(char Field, char Component, char Repetition, char Escape, char Subcomponent, char? Truncation = null)
{
    /// <summary>The delimiters HL7 recommends and nearly every sender uses: <c>|^~\&amp;</c>.</summary>
    public static readonly Er7Delimiters Standard = new('|', '^', '~', '\\', '&');

    /// <summary>MSH-2 as written: component, repetition, escape, subcomponent (and truncation when declared).</summary>
    public string EncodingCharacters => Truncation is { } t
        ? string.Concat(Component, Repetition, Escape, Subcomponent, t)
        : string.Concat(Component, Repetition, Escape, Subcomponent);

    /// <summary>Reads MSH-1 and MSH-2, or says why they cannot be delimiters.</summary>
    public static bool TryCreate(char field, string encodingCharacters, out Er7Delimiters? delimiters, out string? problem)
    {
        delimiters = null;
        if (encodingCharacters.Length is < 4 or > 5)
        {
            problem = $"MSH-2 must hold 4 encoding characters (5 with the truncation character of HL7 2.7); it holds {encodingCharacters.Length}.";
            return false;
        }

        var all = string.Concat(field.ToString(), encodingCharacters);
        foreach (var c in all)
        {
            if (c is < '!' or > '~' || char.IsAsciiLetterOrDigit(c))
            {
                problem = "A delimiter in MSH-1 / MSH-2 must be a printable ASCII character other than a letter, a digit or a space.";
                return false;
            }
        }

        if (all.Distinct().Count() != all.Length)
        {
            problem = "The delimiters in MSH-1 and MSH-2 must all differ.";
            return false;
        }

        delimiters = new Er7Delimiters(field, encodingCharacters[0], encodingCharacters[1], encodingCharacters[2], encodingCharacters[3], encodingCharacters.Length == 5 ? encodingCharacters[4] : null);
        problem = null;
        return true;
    }

    internal bool IsDelimiter(char c) => c == Field || c == Component || c == Repetition || c == Escape || c == Subcomponent || c == Truncation;
}
