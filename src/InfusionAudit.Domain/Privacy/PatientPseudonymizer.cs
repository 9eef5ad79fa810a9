using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using InfusionAudit.Domain.Contract;

namespace InfusionAudit.Domain.Privacy;

/// <summary>
/// Replaces patient identifiers by a keyed hash (HMAC-SHA256) before anything is stored or judged: in parsed events
/// and in the raw text kept for audit. The same key and identifier always give the same hash, so sessions of one
/// patient can still be linked; without the key the hash does not lead back to the identifier.
/// </summary>
/// <remarks>Thread-safe: the key is copied at construction and never changes.</remarks>
public sealed class PatientPseudonymizer
{
    /// <summary>The shortest key accepted, in bytes: RFC 2104 advises a key no shorter than the hash output (32 bytes for SHA-256).</summary>
    public const int MinKeyLength = 32;

    /// <summary>What every hash starts with, naming the algorithm so a future key or algorithm change stays readable.</summary>
    public const string HashPrefix = "hmac-sha256:";

    private readonly byte[] key;

    private Func<string, string>? hashValue;

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
    /// The raw text with the value of every patient reference replaced by its hash (a string by its decoded value, so the
    /// hash equals the parsed event's; any other value by its text), everything else as received: the audit copy is
    /// meant to be verbatim. Misspelt, differently cased and escaped keys count, in JSON and in broken text; where a
    /// reference cannot be located for sure the text is dropped from there (<see cref="RedactedText.Withheld"/>).
    /// </summary>
    /// <remarks>See <see cref="RawTextRedactor"/> for what counts as a patient key.</remarks>
    public RedactedText Redact(string rawText)
    {
        ArgumentNullException.ThrowIfNull(rawText);
        return RawTextRedactor.Redact(rawText, hashValue ??= Hash);
    }

    /// <summary>The text of <see cref="Redact"/>, for callers with nowhere to say that something was withheld.</summary>
    public string RedactRawJson(string rawJson) => Redact(rawJson).Text;
}
