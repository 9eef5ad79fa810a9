using Microsoft.Extensions.Configuration;

namespace InfusionAudit.Application.Configuration;

/// <summary>
/// Refuses to start when an app setting still holds a Key Vault reference's text. App Service leaves the text
/// <c>@Microsoft.KeyVault(SecretUri=...)</c> in place when it cannot resolve a reference (missing secret, missing role),
/// and an API key list would then accept that text, which anyone who knows the vault's name can write, as a key.
/// </summary>
public static class KeyVaultReferenceGuard
{
    public const string ReferencePrefix = "@Microsoft.KeyVault(";

    public static void ThrowIfUnresolved(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var unresolved = configuration.GetSection(InfusionAuditOptions.Section).AsEnumerable()
            .Where(s => s.Value is { } value && value.TrimStart().StartsWith(ReferencePrefix, StringComparison.OrdinalIgnoreCase))
            .Select(s => s.Key.Replace(":", "__", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (unresolved.Count > 0)
        {
            throw new InvalidOperationException(
                $"Key Vault reference(s) not resolved: {string.Join(", ", unresolved)}. Check that the secret exists and that the app's identity " +
                "holds Key Vault Secrets User on the vault (the portal's Environment variables page shows each reference's status).");
        }
    }
}
