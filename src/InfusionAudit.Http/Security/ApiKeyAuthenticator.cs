using System.Security.Cryptography;
using System.Text;
using InfusionAudit.Application.Configuration;
using InfusionAudit.Application.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace InfusionAudit.Http.Security;

/// <summary>
/// Checks the <c>x-functions-key</c> header (as Azure Functions does) against the configured keys of each role.
/// Comparison is constant-time; the key id in logs is a short hash, never the key. When
/// <see cref="AppServiceAuthOptions.Enabled"/> is set, a request without a key may instead carry the Entra ID user that
/// App Service authentication signed in (<see cref="AppServicePrincipal"/>). Producers listed in
/// <see cref="InfusionAuditOptions.ProducerKeys"/> and <see cref="InfusionAuditOptions.ProducerPrincipals"/> come out
/// bound to their clinics (<see cref="Caller.Clinics"/>).
/// </summary>
public sealed class ApiKeyAuthenticator
{
    public const string HeaderName = "x-functions-key";

    private readonly IReadOnlyList<(byte[] Key, Caller Caller)> keys;
    private readonly AppServiceAuthOptions appServiceAuth;
    private readonly Dictionary<string, IReadOnlySet<string>> boundPrincipals;

    public ApiKeyAuthenticator(IOptions<InfusionAuditOptions> options, IOptions<AppServiceAuthOptions> appServiceAuth)
    {
        this.appServiceAuth = appServiceAuth.Value;
        var configured = options.Value.Keys;
        boundPrincipals = options.Value.ProducerPrincipals
            .Where(p => !string.IsNullOrWhiteSpace(p.Principal))
            .GroupBy(p => "entra:" + p.Principal.Trim(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.SelectMany(p => p.ClinicSet()).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        keys =
        [
            // Bound keys first: a key listed both bound and unbound stays bound.
            .. options.Value.ProducerKeys.Where(b => !string.IsNullOrWhiteSpace(b.Key)).SelectMany(b => Parse(b.Key, CallerRole.Producer, b.ClinicSet())),
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

        var principal = appServiceAuth.Enabled
            ? AppServicePrincipal.Read(
                request.Headers[AppServicePrincipal.HeaderName].FirstOrDefault(),
                request.Headers[AppServicePrincipal.IdHeaderName].FirstOrDefault(),
                request.Headers[AppServicePrincipal.NameHeaderName].FirstOrDefault(),
                appServiceAuth)
            : null;
        return principal is not null && boundPrincipals.TryGetValue(principal.KeyId, out var clinics)
            ? principal with { Clinics = clinics }
            : principal;
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

    private static IEnumerable<(byte[], Caller)> Parse(string list, CallerRole role, IReadOnlySet<string>? clinics = null) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(k => (Encoding.UTF8.GetBytes(k), new Caller(role, $"{role.ToString().ToLowerInvariant()}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(k)))[..8]}") { Clinics = clinics }));
}
