using InfusionAudit.Application.Configuration;
using Microsoft.Extensions.Configuration;

namespace InfusionAudit.Infra.Tests.Configuration;

/// <summary>The deployment reads every secret through Key Vault references; one App Service could not resolve must stop the app.</summary>
public sealed class KeyVaultReferenceGuardTests
{
    [Fact]
    public void AnUnresolvedReferenceStopsTheStartAndNamesTheSettingButNotItsValue()
    {
        var configuration = Build(new()
        {
            ["InfusionAudit:Keys:Admin"] = "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/api-keys-admin/)",
            ["InfusionAudit:Keys:Producer"] = "real-key",
        });

        var error = Should.Throw<InvalidOperationException>(() => KeyVaultReferenceGuard.ThrowIfUnresolved(configuration));

        error.Message.ShouldContain("InfusionAudit__Keys__Admin");
        error.Message.ShouldNotContain("InfusionAudit__Keys__Producer");
        error.Message.ShouldNotContain("real-key");
    }

    [Fact]
    public void ResolvedValuesPass()
    {
        var configuration = Build(new()
        {
            ["InfusionAudit:PatientHashKey"] = new string('a', 64),
            ["InfusionAudit:Keys:Admin"] = "k1,k2",
        });

        Should.NotThrow(() => KeyVaultReferenceGuard.ThrowIfUnresolved(configuration));
    }

    private static IConfiguration Build(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
}
