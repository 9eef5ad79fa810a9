using System.Security.Cryptography;
using System.Text;
using InfusionAudit.Application.Configuration;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace InfusionAudit.Application.Security;

/// <summary>
/// Checks the <c>x-functions-key</c> header (as Azure Functions does) against the configured keys of each role.
/// Comparison is constant-time; the key id in logs is a short hash, never the key. When
/// <see cref="AppServiceAuthOptions.Enabled"/> is set, a request without a key may instead carry the Entra ID user that
/// App Service authentication signed in (<see cref="AppServicePrincipal"/>).
/// </summary>
public sealed class ApiKeyAuthenticator
{
    public const string HeaderName = "x-functions-key";

    private readonly IReadOnlyList<(byte[] Key, Caller Caller)> keys;
    private readonly AppServiceAuthOptions appServiceAuth;

    public ApiKeyAuthenticator(IOptions<InfusionAuditOptions> options, IOptions<AppServiceAuthOptions> appServiceAuth)
    {
        this.appServiceAuth = appServiceAuth.Value;
        var configured = options.Value.Keys;
        keys =
        [
            .. Parse(configured.Producer, CallerRole.Producer),
            .. Parse(configured.OnCall, CallerRole.OnCall),
            .. Parse(configured.Auditor, CallerRole.Auditor),
            .. Parse(configured.Admin, CallerRole.Admin),
        ];
    }

    /// <summary>
    /// The caller of a request: by its key when it presents one (a wrong key is not rescued by a principal), else by
    /// the App Service principal when that is enabled; null when neither authenticates it.
    /// </summary>
    public Caller? Authenticate(HttpRequest request)
    {
        if (request.Headers[HeaderName].FirstOrDefault() is { Length: > 0 } key)
        {
            return Authenticate(key);
        }

        return appServiceAuth.Enabled
            ? AppServicePrincipal.Read(
                request.Headers[AppServicePrincipal.HeaderName].FirstOrDefault(),
                request.Headers[AppServicePrincipal.IdHeaderName].FirstOrDefault(),
                request.Headers[AppServicePrincipal.NameHeaderName].FirstOrDefault(),
                appServiceAuth)
            : null;
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
