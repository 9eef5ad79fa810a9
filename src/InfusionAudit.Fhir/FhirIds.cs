using System.Security.Cryptography;
using System.Text;

namespace InfusionAudit.Fhir;

/// <summary>
/// Resource ids that are a function of what they name, so the same session exports the same ids every time:
/// name-based UUIDs of RFC 9562 (version 8, SHA-256, its Appendix B.2), written as <c>urn:uuid:</c> full URLs.
/// </summary>
internal static class FhirIds
{
    /// <summary>The UUID of a name such as <c>observation|abq-01|S-1|e-7|heart-rate</c>.</summary>
    public static string Uuid(string name)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes("InfusionAudit FHIR export v1|" + name), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // variant 10
        return new Guid(bytes, bigEndian: true).ToString("D");
    }

    public static string Urn(string uuid) => "urn:uuid:" + uuid;
}
