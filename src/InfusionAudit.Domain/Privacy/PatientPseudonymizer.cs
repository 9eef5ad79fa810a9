using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using InfusionAudit.Domain.Contract;

namespace InfusionAudit.Domain.Privacy;

/// <summary>
/// Replaces patient identifiers by a keyed hash (HMAC-SHA256) before anything is stored or judged: in parsed events
/// and in the raw text kept for audit. The same key, scope and identifier always give the same hash, so sessions of one
/// patient can still be linked; without the key the hash does not lead back to the identifier.
/// </summary>
/// <remarks>
/// <para>A hash reads <c>hmac-sha256:v1:{scope}:{keyId}:{64 hex digits}</c>: the scope (<c>clinic</c> or
/// <c>organisation</c>) and the key id say which hashes can be compared, so a key rotation or a change of scope is
/// visible in the data instead of silently splitting patients.</para>
/// <para>The HMAC is over the UTF-8 of <c>v1|clinic|{length of clinic id}:{clinic id}|{reference}</c> in clinic scope
/// and <c>v1|organisation|{reference}</c> in organisation scope, the reference normalised by <see cref="Normalize"/>.
/// The length prefix keeps a clinic id from running into the reference.</para>
/// <para>Thread-safe: the key is copied at construction and never changes. An instance is bound to one clinic
/// (<see cref="ForClinic"/>) for the raw text of that clinic's events; the root instance hashes as clinic "" (text
/// whose clinic is unreadable), which links nothing.</para>
/// </remarks>
public sealed class PatientPseudonymizer
{
    /// <summary>The shortest key accepted, in bytes: RFC 2104 advises a key no shorter than the hash output (32 bytes for SHA-256).</summary>
    public const int MinKeyLength = 32;

    /// <summary>What every hash starts with, naming the algorithm so a future key or algorithm change stays readable.</summary>
    public const string HashPrefix = "hmac-sha256:";

    /// <summary>The version of the hashed text and the prefix after <see cref="HashPrefix"/>.</summary>
    public const string FormatVersion = "v1";

    /// <summary>The longest key id accepted (a Key Vault secret version is 32 characters).</summary>
    public const int MaxKeyIdLength = 40;

    private readonly byte[] key;
    private readonly string clinicId;
    private readonly string prefix;

    private Func<string, string>? hashValue;

    /// <summary>Creates a pseudonymizer with the HMAC key (from configuration or Key Vault).</summary>
    /// <param name="key">The secret key, at least <see cref="MinKeyLength"/> bytes.</param>
    /// <param name="scope">Where one reference names one patient.</param>
    /// <param name="keyId">
    /// The key's name in the prefix: letters, digits, <c>.</c>, <c>_</c>, <c>-</c>. Null: <c>k</c> and 8 hex digits of
    /// an HMAC of a fixed text under the key, stable for a key and telling nothing about it.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="key"/> is shorter than <see cref="MinKeyLength"/> bytes, or the key id is not usable.</exception>
    public PatientPseudonymizer(byte[] key, PatientIdentityScope scope = PatientIdentityScope.Clinic, string? keyId = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < MinKeyLength)
        {
            throw new ArgumentException(
                $"The patient pseudonymization key must be at least {MinKeyLength} bytes (256 bits); this one has {key.Length}.",
                nameof(key));
        }

        if (keyId is not null && !IsValidKeyId(keyId))
        {
            throw new ArgumentException(
                $"The patient hash key id must be 1 to {MaxKeyIdLength} letters, digits, '.', '_' or '-' (it is part of every stored hash).",
                nameof(keyId));
        }

        this.key = (byte[])key.Clone();
        Scope = scope;
        KeyId = keyId ?? DeriveKeyId(this.key);
        clinicId = string.Empty;
        prefix = $"{HashPrefix}{FormatVersion}:{ScopeName(scope)}:{KeyId}:";
    }

    private PatientPseudonymizer(PatientPseudonymizer root, string clinicId)
    {
        key = root.key;
        Scope = root.Scope;
        KeyId = root.KeyId;
        prefix = root.prefix;
        this.clinicId = clinicId;
    }

    /// <summary>Where one reference names one patient.</summary>
    public PatientIdentityScope Scope { get; }

    /// <summary>The key's name in every hash's prefix.</summary>
    public string KeyId { get; }

    /// <summary>The pseudonymizer for the identifiers of one clinic's events (its raw text included).</summary>
    public PatientPseudonymizer ForClinic(string clinicId)
    {
        ArgumentNullException.ThrowIfNull(clinicId);
        return string.Equals(clinicId, this.clinicId, StringComparison.Ordinal) ? this : new PatientPseudonymizer(this, clinicId);
    }

    /// <summary>
    /// The reference as one patient is known by: full-width forms folded to ASCII (U+FF01–U+FF5E to U+0021–U+007E,
    /// the ideographic space U+3000 to a space: what East Asian input methods type for a patient number), then trimmed
    /// of white space at both ends, then upper-cased by the invariant culture (simple case mapping, so <c>ß</c> stays).
    /// Inner white space and punctuation are kept: <c>MRN 1</c> and <c>MRN1</c> stay two references.
    /// </summary>
    /// <remarks>
    /// No canonical Unicode normalisation (NFC/NFKC): the hosts run in invariant globalization mode, which carries no
    /// normalisation tables, and a rule that only works on some hosts would split patients between them. A reference
    /// written once with a composed and once with a decomposed accent is therefore two references; clinic patient
    /// numbers are ASCII in practice, and docs/rules.md says so.
    /// </remarks>
    public static string Normalize(string patientRef)
    {
        ArgumentNullException.ThrowIfNull(patientRef);
        var folded = patientRef;
        foreach (var c in patientRef)
        {
            if (c is >= '\uFF01' and <= '\uFF5E' or '\u3000')
            {
                folded = string.Create(patientRef.Length, patientRef, static (span, text) =>
                {
                    for (var i = 0; i < text.Length; i++)
                    {
                        var c = text[i];
                        span[i] = c switch
                        {
                            >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
                            '\u3000' => ' ',
                            _ => c,
                        };
                    }
                });
                break;
            }
        }

        return folded.Trim().ToUpperInvariant();
    }

    /// <summary>The keyed hash of a patient identifier of this instance's clinic: the prefix and 64 lowercase hex digits.</summary>
    /// <param name="patientRef">The identifier as the clinic sent it (normalised by <see cref="Normalize"/> first).</param>
    public string Hash(string patientRef) => Hash(patientRef, clinicId);

    private string Hash(string patientRef, string clinic)
    {
        ArgumentNullException.ThrowIfNull(patientRef);
        var normalised = Normalize(patientRef);
        var message = Scope == PatientIdentityScope.Clinic
            ? string.Create(CultureInfo.InvariantCulture, $"{FormatVersion}|clinic|{clinic.Length}:{clinic}|{normalised}")
            : $"{FormatVersion}|organisation|{normalised}";
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        var maxBytes = Encoding.UTF8.GetMaxByteCount(message.Length);
        byte[]? rented = null;
        var utf8 = maxBytes <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            var length = Encoding.UTF8.GetBytes(message, utf8);
            HMACSHA256.HashData(key, utf8[..length], mac);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        return prefix + Convert.ToHexStringLower(mac);
    }

    private static string ScopeName(PatientIdentityScope scope) => scope switch
    {
        PatientIdentityScope.Clinic => "clinic",
        PatientIdentityScope.Organisation => "organisation",
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "Unknown patient identity scope."),
    };

    private static bool IsValidKeyId(string keyId) =>
        keyId.Length is > 0 and <= MaxKeyIdLength && keyId.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    private static string DeriveKeyId(byte[] key) =>
        "k" + Convert.ToHexStringLower(HMACSHA256.HashData(key, "InfusionAudit patient hash key id"u8))[..8];

    /// <summary>The event with its patient identifier hashed within its clinic (<see cref="SessionStartedPayload.PatientRef"/>); other events unchanged.</summary>
    public DeviceEvent Pseudonymize(DeviceEvent deviceEvent)
    {
        ArgumentNullException.ThrowIfNull(deviceEvent);
        return deviceEvent.Payload is SessionStartedPayload started
            ? deviceEvent with { Payload = started with { PatientRef = Hash(started.PatientRef, deviceEvent.ClinicId) } }
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
