using System.Text;
using System.Text.Json;
using InfusionAudit.Application.Configuration;
using InfusionAudit.Application.Security;

namespace InfusionAudit.Http.Security;

/// <summary>
/// Reads the user that App Service authentication (Entra ID) signed in: the base64 JSON of <c>X-MS-CLIENT-PRINCIPAL</c>
/// (<c>{"auth_typ":"aad","claims":[{"typ":"roles","val":"InfusionAudit.Auditor"},…],"role_typ":…}</c>).
/// </summary>
public static class AppServicePrincipal
{
    public const string HeaderName = "X-MS-CLIENT-PRINCIPAL";
    public const string IdHeaderName = "X-MS-CLIENT-PRINCIPAL-ID";
    public const string NameHeaderName = "X-MS-CLIENT-PRINCIPAL-NAME";

    private const int MaxHeaderChars = 32 * 1024;
    private const string ObjectIdClaim = "http://schemas.microsoft.com/identity/claims/objectidentifier";
    private static readonly string[] RoleClaimTypes = ["roles", "http://schemas.microsoft.com/ws/2008/06/identity/claims/role"];
    private static readonly string[] NameClaimTypes = ["preferred_username", "name", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name"];

    /// <summary>The caller for a principal header, or null when the header is missing or unreadable.</summary>
    public static Caller? Read(string? header, string? idHeader, string? nameHeader, AppServiceAuthOptions options)
    {
        if (string.IsNullOrEmpty(header) || header.Length > MaxHeaderChars)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(Convert.FromBase64String(header));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("claims", out var claims) || claims.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var roleType = root.TryGetProperty("role_typ", out var rt) && rt.ValueKind == JsonValueKind.String ? rt.GetString() : null;
            var nameType = root.TryGetProperty("name_typ", out var nt) && nt.ValueKind == JsonValueKind.String ? nt.GetString() : null;
            var roles = new SortedSet<CallerRole>();
            string? objectId = null;
            string? name = null;
            foreach (var claim in claims.EnumerateArray())
            {
                if (claim.ValueKind != JsonValueKind.Object
                    || !claim.TryGetProperty("typ", out var typ) || typ.ValueKind != JsonValueKind.String
                    || !claim.TryGetProperty("val", out var val) || val.ValueKind != JsonValueKind.String)
                {
                    continue;
                }

                var type = typ.GetString()!;
                var value = val.GetString()!;
                if (type == roleType || RoleClaimTypes.Contains(type, StringComparer.Ordinal))
                {
                    if (MapRole(value, options) is { } role)
                    {
                        roles.Add(role);
                    }
                }
                else if (type is ObjectIdClaim or "oid")
                {
                    objectId ??= value;
                }
                else if (type == nameType || NameClaimTypes.Contains(type, StringComparer.Ordinal))
                {
                    name ??= value;
                }
            }

            var who = Clean(idHeader) ?? Clean(objectId) ?? Clean(nameHeader) ?? Clean(name) ?? "unknown";
            var strongest = roles.Count == 0 ? CallerRole.Producer : roles.Max;
            return new Caller(strongest, "entra:" + who) { Roles = [.. roles], Person = Clean(nameHeader) ?? Clean(name) ?? who };
        }
        catch (Exception ex) when (ex is FormatException or JsonException or DecoderFallbackException)
        {
            return null;
        }
    }

    private static CallerRole? MapRole(string value, AppServiceAuthOptions options) =>
        value == options.AdminRole ? CallerRole.Admin
        : value == options.AuditorRole ? CallerRole.Auditor
        : value == options.OnCallRole ? CallerRole.OnCall
        : value == options.ProducerRole ? CallerRole.Producer
        : null;

    // The id lands in the access log: keep it short and free of control characters.
    private static string? Clean(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var cleaned = new string([.. value.Trim().Where(c => !char.IsControl(c)).Take(128)]);
        return cleaned.Length == 0 ? null : cleaned;
    }
}
