using System.Globalization;
using System.Text;

namespace InfusionAudit.Domain.Privacy;

/// <summary>
/// Finds patient references in raw input text, JSON or not, and replaces each value by its keyed hash; what it cannot
/// locate for sure it drops. One lenient pass over the characters, so broken, truncated and non-Unicode text (lone
/// surrogates, escaped or not) is handled like valid JSON.
/// </summary>
/// <remarks>
/// <para>A key is a quoted string followed by <c>:</c>; its name is compared after decoding JSON escapes, folding
/// full-width letters (and NFKC where the runtime has it), dropping everything but letters and digits, and
/// lower-casing, so <c>PatientRef</c>, <c>patient_ref</c>, <c>"patient\u0052ef"</c> and full-width letters all match. A patient key is any name containing
/// <c>patient</c> (but the contract's <c>patientAgeYears</c>), within two edits of <c>patientref</c> or
/// <c>patientid</c> (misspellings), <c>mrn</c>, or containing <c>medicalrecord</c>.</para>
/// <para>A string value that itself holds a patient key (JSON encoded as a string) is redacted recursively and written
/// back as a JSON string. A reference word (narrower than a key: <c>patientRef</c>, <c>patient_id</c>, <c>mrn</c> and
/// their misspellings, not <c>patient</c> alone) followed by <c>:</c>, <c>=</c> or <c>&gt;</c> outside any quoted key (form
/// encoding, JavaScript object syntax, XML, prose) has no value that can be located for sure: the text is dropped from
/// that word to the end of its string (or of the text) and counted in <see cref="RedactedText.Withheld"/>.</para>
/// <para>So is a quoted patient key followed by anything but <c>:</c>, <c>,</c>, <c>}</c>, <c>]</c> or the end (broken text
/// such as <c>"patientRef"\ud800:"…"</c>): dropped from the key to the end of the text.</para>
/// </remarks>
internal static class RawTextRedactor
{
    /// <summary>What stands where text was dropped.</summary>
    public const string WithheldMarker = "[withheld: possible patient reference]";

    // Double-encoded JSON inside JSON inside JSON is already far-fetched; deeper than that is withheld unread.
    private const int MaxNesting = 3;

    private const int StackWord = 128;

    public static RedactedText Redact(string text, Func<string, string> hash) => Redact(text, hash, 0);

    private static RedactedText Redact(string text, Func<string, string> hash, int nesting)
    {
        StringBuilder? output = null;
        var copied = 0;
        var withheld = 0;
        var n = text.Length;
        var i = 0;
        while (i < n)
        {
            var c = text[i];
            if (c == '"')
            {
                var end = StringEnd(text, i, out var closed);
                var next = SkipWhitespace(text, end);
                if (closed && next < n && text[next] == ':')
                {
                    if (!IsPatientKey(ContentSpan(text, i, end, closed)))
                    {
                        i = end;
                        continue;
                    }

                    var valueStart = SkipWhitespace(text, next + 1);
                    if (valueStart >= n)
                    {
                        i = n;
                        continue;
                    }

                    var valueEnd = ValueEnd(text, valueStart, out var hashInput);
                    if (hashInput is not null)
                    {
                        Replace(ref output, text, ref copied, valueStart, valueEnd, "\"" + hash(hashInput) + "\"");
                    }

                    i = valueEnd;
                    continue;
                }

                // In JSON a string that is not a key is followed by , } ] or nothing. A patient key followed by anything
                // else (junk, a lone surrogate escape, a colon written as \u003a, a second string) is broken text whose
                // value cannot be located for sure: withheld to the end, as a reference word before '=' is.
                var content = ContentSpan(text, i, end, closed);
                if (closed && next < n && text[next] is not (',' or '}' or ']') && IsPatientKey(content))
                {
                    Replace(ref output, text, ref copied, i, n, WithheldMarker);
                    withheld++;
                    i = n;
                    continue;
                }

                // A string value: only one that holds a patient word can hide a reference (JSON encoded as a string).
                if (ContainsPatientWord(content))
                {
                    var decoded = content.Contains('\\') ? Decode(content.ToString()) : content.ToString();
                    var inner = nesting < MaxNesting ? Redact(decoded, hash, nesting + 1) : new RedactedText(WithheldMarker, 1);
                    if (inner.Withheld > 0)
                    {
                        withheld += inner.Withheld;
                        Replace(ref output, text, ref copied, i, end, "\"" + WithheldMarker + "\"");
                    }
                    else if (!ReferenceEquals(inner.Text, decoded))
                    {
                        Replace(ref output, text, ref copied, i, end, Encode(inner.Text));
                    }
                }

                i = end;
                continue;
            }

            if (IsWordChar(c))
            {
                var wordEnd = i + 1;
                while (wordEnd < n && IsWordChar(text[wordEnd]))
                {
                    wordEnd++;
                }

                if (IsReferenceWord(text.AsSpan(i, wordEnd - i)) && FollowedBySeparator(text, wordEnd))
                {
                    Replace(ref output, text, ref copied, i, n, WithheldMarker);
                    withheld++;
                    i = n;
                    continue;
                }

                i = wordEnd;
                continue;
            }

            i++;
        }

        if (output is null)
        {
            return new RedactedText(text, withheld);
        }

        output.Append(text, copied, n - copied);
        return new RedactedText(output.ToString(), withheld);
    }

    private static void Replace(ref StringBuilder? output, string text, ref int copied, int start, int end, string replacement)
    {
        output ??= new StringBuilder(text.Length + 64);
        output.Append(text, copied, start - copied).Append(replacement);
        copied = end;
    }

    /// <summary>The index just past a string token opened at <paramref name="start"/>: past its closing quote, or the end of an unterminated one.</summary>
    private static int StringEnd(string text, int start, out bool closed)
    {
        for (var j = start + 1; j < text.Length; j++)
        {
            if (text[j] == '\\')
            {
                j++;
            }
            else if (text[j] == '"')
            {
                closed = true;
                return j + 1;
            }
        }

        closed = false;
        return text.Length;
    }

    private static ReadOnlySpan<char> ContentSpan(string text, int start, int end, bool closed) =>
        text.AsSpan(start + 1, Math.Max(0, end - start - (closed ? 2 : 1)));

    /// <summary>The end of the value at <paramref name="start"/>, and what to hash: a string's decoded text, else the value's raw text; null for <c>null</c>.</summary>
    private static int ValueEnd(string text, int start, out string? hashInput)
    {
        var c = text[start];
        if (c == '"')
        {
            var end = StringEnd(text, start, out var closed);
            hashInput = Decode(ContentSpan(text, start, end, closed).ToString());
            return end;
        }

        int valueEnd;
        if (c is '{' or '[')
        {
            valueEnd = CompoundEnd(text, start);
        }
        else
        {
            valueEnd = start;
            while (valueEnd < text.Length && text[valueEnd] is not (',' or '}' or ']') && !char.IsWhiteSpace(text[valueEnd]))
            {
                valueEnd++;
            }
        }

        var raw = text[start..valueEnd];
        hashInput = raw == "null" ? null : raw;
        return valueEnd;
    }

    /// <summary>Past the bracket closing the object or array at <paramref name="start"/>, or the end of the text when it never closes.</summary>
    private static int CompoundEnd(string text, int start)
    {
        var depth = 0;
        for (var j = start; j < text.Length; j++)
        {
            switch (text[j])
            {
                case '"':
                    j = StringEnd(text, j, out _) - 1;
                    break;
                case '{' or '[':
                    depth++;
                    break;
                case '}' or ']':
                    if (--depth == 0)
                    {
                        return j + 1;
                    }

                    break;
            }
        }

        return text.Length;
    }

    private static int SkipWhitespace(string text, int from)
    {
        while (from < text.Length && char.IsWhiteSpace(text[from]))
        {
            from++;
        }

        return from;
    }

    /// <summary>True when a closing quote or two and then <c>:</c>, <c>=</c> or <c>&gt;</c> follow: the word names a value.</summary>
    private static bool FollowedBySeparator(string text, int from)
    {
        var j = from;
        while (j < text.Length && (text[j] is '"' or '\'' or '\\' || char.IsWhiteSpace(text[j])))
        {
            j++;
        }

        return j < text.Length && text[j] is ':' or '=' or '>';
    }

    private static bool ContainsPatientWord(ReadOnlySpan<char> content)
    {
        var decoded = content.Contains('\\') ? Decode(content.ToString()).AsSpan() : content;
        var i = 0;
        while (i < decoded.Length)
        {
            if (!IsWordChar(decoded[i]))
            {
                i++;
                continue;
            }

            var end = i + 1;
            while (end < decoded.Length && IsWordChar(decoded[end]))
            {
                end++;
            }

            if (IsReferenceWord(decoded[i..end]))
            {
                return true;
            }

            i = end;
        }

        return false;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '-';

    /// <summary>Whether a key name (JSON escapes still in it, or not) names a patient reference; see the class remarks.</summary>
    internal static bool IsPatientKey(ReadOnlySpan<char> name) => Matches(name, broad: true);

    /// <summary>
    /// Whether a word outside a quoted key names a patient reference: narrower than a key, so that prose such as
    /// "Patient: asked for a break" keeps its text; <c>patientRef:</c>, <c>patient_id=</c> or <c>MRN:</c> do not.
    /// </summary>
    private static bool IsReferenceWord(ReadOnlySpan<char> word) => Matches(word, broad: false);

    private static bool Matches(ReadOnlySpan<char> name, bool broad)
    {
        var source = name.Contains('\\') ? Decode(name.ToString()).AsSpan() : name;
        if (!Ascii.IsValid(source))
        {
            source = Fold(source.ToString()).AsSpan();
        }

        Span<char> buffer = stackalloc char[StackWord];
        var length = 0;
        foreach (var c in source)
        {
            if (char.IsLetterOrDigit(c))
            {
                if (length == buffer.Length)
                {
                    // A key this long is not a misspelling: only the substring tests below could match, and they look at the start.
                    break;
                }

                buffer[length++] = char.ToLowerInvariant(c);
            }
        }

        var normalized = buffer[..length];
        if (broad && normalized.Contains("patient", StringComparison.Ordinal))
        {
            return !normalized.SequenceEqual("patientageyears");
        }

        if (normalized.Contains("patientref", StringComparison.Ordinal) || normalized.Contains("patientid", StringComparison.Ordinal))
        {
            return true;
        }

        // "patient" and "patients" are two edits from "patientid": in prose only one edit counts for that one.
        return normalized.SequenceEqual("mrn")
            || normalized.Contains("medicalrecord", StringComparison.Ordinal)
            || WithinEdits(normalized, "patientref", 2)
            || WithinEdits(normalized, "patientid", broad ? 2 : 1);
    }

    /// <summary>
    /// Full-width forms to ASCII, then NFKC where the runtime has it (not under invariant globalization); lone
    /// surrogates are dropped first because normalisation refuses them.
    /// </summary>
    private static string Fold(string text)
    {
        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(c).Append(text[++i]);
            }
            else if (c is >= '\uFF01' and <= '\uFF5E')
            {
                clean.Append((char)(c - 0xFEE0));
            }
            else if (!char.IsSurrogate(c))
            {
                clean.Append(c);
            }
        }

        try
        {
            return clean.ToString().Normalize(NormalizationForm.FormKC);
        }
        catch (Exception e) when (e is ArgumentException or PlatformNotSupportedException)
        {
            return clean.ToString();
        }
    }

    private static bool WithinEdits(ReadOnlySpan<char> a, string b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return false;
        }

        // Optimal string alignment distance (Levenshtein plus adjacent transposition), rows of at most 13 cells.
        Span<int> before = stackalloc int[b.Length + 1];
        Span<int> previous = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, before[j - 2] + 1);
                }

                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin > max)
            {
                return false;
            }

            previous.CopyTo(before);
            current.CopyTo(previous);
        }

        return previous[b.Length] <= max;
    }

    /// <summary>JSON string content to text, leniently: a lone surrogate escape becomes that UTF-16 unit, a broken escape stays as written.</summary>
    internal static string Decode(string content)
    {
        var result = new StringBuilder(content.Length);
        for (var i = 0; i < content.Length; i++)
        {
            var c = content[i];
            if (c != '\\' || i + 1 >= content.Length)
            {
                result.Append(c);
                continue;
            }

            var e = content[i + 1];
            switch (e)
            {
                case '"' or '\\' or '/': result.Append(e); i++; break;
                case 'b': result.Append('\b'); i++; break;
                case 'f': result.Append('\f'); i++; break;
                case 'n': result.Append('\n'); i++; break;
                case 'r': result.Append('\r'); i++; break;
                case 't': result.Append('\t'); i++; break;
                case 'u' when i + 5 < content.Length && ushort.TryParse(content.AsSpan(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var unit):
                    result.Append((char)unit);
                    i += 5;
                    break;
                default: result.Append(c); break;
            }
        }

        return result.ToString();
    }

    /// <summary>Text as a JSON string literal; lone surrogates are written as escapes so the literal stays what it was.</summary>
    private static string Encode(string text)
    {
        var result = new StringBuilder(text.Length + 2).Append('"');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                result.Append(c).Append(text[++i]);
            }
            else if (c is '"' or '\\')
            {
                result.Append('\\').Append(c);
            }
            else if (c < ' ' || char.IsSurrogate(c))
            {
                result.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                result.Append(c);
            }
        }

        return result.Append('"').ToString();
    }
}
