using System.Security.Cryptography;
using System.Text;
using InfusionAudit.Application.Configuration;
using Microsoft.Extensions.Options;

namespace InfusionAudit.Application.Security;

/// <summary>
/// Checks the <c>x-functions-key</c> header (as Azure Functions does) against the configured keys of each role.
/// Comparison is constant-time; the key id in logs is a short hash, never the key.
/// </summary>
public sealed class ApiKeyAuthenticator
{
    public const string HeaderName = "x-functions-key";

    private readonly IReadOnlyList<(byte[] Key, Caller Caller)> keys;

    public ApiKeyAuthenticator(IOptions<InfusionAuditOptions> options)
    {
        var configured = options.Value.Keys;
        keys =
        [
            .. Parse(configured.Producer, CallerRole.Producer),
            .. Parse(configured.OnCall, CallerRole.OnCall),
            .. Parse(configured.Auditor, CallerRole.Auditor),
            .. Parse(configured.Admin, CallerRole.Admin),
        ];
    }

    /// <summary>The caller for a presented key, or null when the key is missing or unknown.</summary>
    public Caller? Authenticate(string? presentedKey)
    {
        if (string.IsNullOrEmpty(presentedKey))
        {
            return null;
        }

        var presented = Encoding.UTF8.GetBytes(presentedKey);
        Caller? match = null;
        foreach (var (key, caller) in keys)
        {
            // Visit every key so timing does not reveal which role or position matched.
            if (CryptographicOperations.FixedTimeEquals(key, presented))
            {
                match ??= caller;
            }
        }

        return match;
    }

    private static IEnumerable<(byte[], Caller)> Parse(string list, CallerRole role) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(k => (Encoding.UTF8.GetBytes(k), new Caller(role, $"{role.ToString().ToLowerInvariant()}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(k)))[..8]}")));
}
