using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using InfusionAudit.Domain.Contract;

namespace InfusionAudit.Domain.Privacy;

/// <summary>
/// Replaces patient identifiers by a keyed hash (HMAC-SHA256) before anything is stored or judged: in parsed events
/// and in the raw text kept for audit. The same key and identifier always give the same hash, so sessions of one
/// patient can still be linked; without the key the hash does not lead back to the identifier.
/// </summary>
/// <remarks>Thread-safe: the key is copied at construction and never changes.</remarks>
public sealed partial class PatientPseudonymizer
{
    /// <summary>The shortest key accepted, in bytes: RFC 2104 advises a key no shorter than the hash output (32 bytes for SHA-256).</summary>
    public const int MinKeyLength = 32;

    /// <summary>What every hash starts with, naming the algorithm so a future key or algorithm change stays readable.</summary>
    public const string HashPrefix = "hmac-sha256:";

    private const string PatientRefProperty = "patientRef";

    private readonly byte[] key;

    /// <summary>Creates a pseudonymizer with the HMAC key (from configuration or Key Vault).</summary>
    /// <param name="key">The secret key, at least <see cref="MinKeyLength"/> bytes.</param>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="key"/> is shorter than <see cref="MinKeyLength"/> bytes.</exception>
    public PatientPseudonymizer(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < MinKeyLength)
        {
            throw new ArgumentException(
                $"The patient pseudonymization key must be at least {MinKeyLength} bytes (256 bits); this one has {key.Length}.",
                nameof(key));
        }

        this.key = (byte[])key.Clone();
    }

    /// <summary>The keyed hash of a patient identifier: <c>hmac-sha256:</c> and 64 lowercase hex digits.</summary>
    /// <param name="patientRef">The identifier as the clinic sent it (HMAC over its UTF-8 bytes).</param>
    public string Hash(string patientRef)
    {
        ArgumentNullException.ThrowIfNull(patientRef);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        var maxBytes = Encoding.UTF8.GetMaxByteCount(patientRef.Length);
        byte[]? rented = null;
        var utf8 = maxBytes <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            var length = Encoding.UTF8.GetBytes(patientRef, utf8);
            HMACSHA256.HashData(key, utf8[..length], mac);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        return HashPrefix + Convert.ToHexStringLower(mac);
    }

    /// <summary>The event with its patient identifier hashed (<see cref="SessionStartedPayload.PatientRef"/>); other events unchanged.</summary>
    public DeviceEvent Pseudonymize(DeviceEvent deviceEvent)
    {
        ArgumentNullException.ThrowIfNull(deviceEvent);
        return deviceEvent.Payload is SessionStartedPayload started
            ? deviceEvent with { Payload = started with { PatientRef = Hash(started.PatientRef) } }
            : deviceEvent;
    }

    /// <summary>
    /// The raw text with the value of every <c>patientRef</c> property replaced by its hash, everything else byte for
    /// byte as received (the audit copy is meant to be verbatim).
    /// </summary>
    /// <remarks>
    /// Every <c>patientRef</c> at any depth is replaced, not only <c>payload.patientRef</c>: a producer that misplaces it
    /// (or a batch, or a rejected event) must still not leave a clear identifier in storage. A string is hashed by its
    /// decoded value, so the hash equals the one of the parsed event; any other non-null value (a number, an object) is
    /// replaced by the hash of its JSON text. Text that is not JSON falls back to a pattern that replaces any
    /// <c>"patientRef": "…"</c> it finds, including an unterminated value at the end of a truncated message.
    /// </remarks>
    public string RedactRawJson(string rawJson)
    {
        ArgumentNullException.ThrowIfNull(rawJson);
        if (!rawJson.Contains(PatientRefProperty, StringComparison.Ordinal) && !rawJson.Contains('\\'))
        {
            return rawJson;
        }

        return TryRedactJson(rawJson, out var redacted) ? redacted : RedactByPattern(rawJson);
    }

    private bool TryRedactJson(string rawJson, out string redacted)
    {
        redacted = rawJson;
        var utf8 = Encoding.UTF8.GetBytes(rawJson);
        var replacements = new List<(int Start, int End, string Hash)>();
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 256 });
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals(PatientRefProperty))
                {
                    continue;
                }

                reader.Read();
                var start = (int)reader.TokenStartIndex;
                switch (reader.TokenType)
                {
                    case JsonTokenType.Null:
                        break;
                    case JsonTokenType.String:
                        // TokenStartIndex is the opening quote; the token ends after the closing one.
                        var end = (int)reader.BytesConsumed;
                        replacements.Add((start, end, Hash(reader.GetString()!)));
                        break;
                    default:
                        reader.Skip();
                        var valueEnd = (int)reader.BytesConsumed;
                        replacements.Add((start, valueEnd, Hash(Encoding.UTF8.GetString(utf8, start, valueEnd - start))));
                        break;
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Not JSON, or a patientRef that is no Unicode text (an escaped lone surrogate): the pattern still finds it.
            return false;
        }

        if (replacements.Count == 0)
        {
            return true;
        }

        var output = new ArrayBufferWriter<byte>(utf8.Length + (replacements.Count * 80));
        var position = 0;
        foreach (var (start, end, hash) in replacements)
        {
            output.Write(utf8.AsSpan(position, start - position));
            output.Write(Encoding.UTF8.GetBytes("\"" + hash + "\""));
            position = end;
        }

        output.Write(utf8.AsSpan(position));
        redacted = Encoding.UTF8.GetString(output.WrittenSpan);
        return true;
    }

    private string RedactByPattern(string text) =>
        PatientRefPattern().Replace(text, match =>
        {
            var value = match.Groups["value"];
            var hash = value.Value.StartsWith('"') ? HashEscapedString(value.Value) : Hash(value.Value);
            return match.Groups["name"].Value + "\"" + hash + "\"";
        });

    private string HashEscapedString(string quoted)
    {
        var closed = quoted.Length > 1 && quoted.EndsWith('"') && !EndsWithEscapedQuote(quoted);
        var json = closed ? quoted : quoted + "\"";
        try
        {
            // Hash the decoded value so that a broken message yields the same hash as the parsed event would.
            return Hash(JsonSerializer.Deserialize<string>(json) ?? string.Empty);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return Hash(quoted);
        }
    }

    private static bool EndsWithEscapedQuote(string quoted)
    {
        var backslashes = 0;
        for (var i = quoted.Length - 2; i >= 1 && quoted[i] == '\\'; i--)
        {
            backslashes++;
        }

        return backslashes % 2 == 1;
    }

    // A string value (possibly unterminated at the end of the text) or a bare scalar. Non-backtracking: linear time on
    // any text. JSON escapes in the name are not looked for: that would take a producer escaping "patientRef" and
    // sending broken JSON at once.
    [GeneratedRegex("""(?<name>"patientRef"\s*:\s*)(?<value>"(?:[^"\\]|\\.)*(?:"|\\?$)|[^\s,}\]"]+)""", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex PatientRefPattern();
}
