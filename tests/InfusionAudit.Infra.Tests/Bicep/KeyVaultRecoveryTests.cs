using System.Text.Json.Nodes;

namespace InfusionAudit.Infra.Tests.Bicep;

/// <summary>
/// Deleting and recreating the resource group leaves the vault soft-deleted (purge protection: 90 days) with its name
/// taken. The redeployment computes the same name and, with INFUSIONAUDIT_RECOVER_KEY_VAULT=true, recovers that vault
/// (and the HMAC key every stored patient hash depends on) instead of failing to create a new one.
/// </summary>
[Collection(CompiledInfraCollection.Name)]
public sealed class KeyVaultRecoveryTests(CompiledInfra infra)
{
    [Theory]
    [MemberData(nameof(InfraFiles.Environments), MemberType = typeof(InfraFiles))]
    public async Task ARecoveryDeploymentRecoversTheVaultOfTheSameNameAndAnOrdinaryOneCreatesIt(string environment)
    {
        var ordinary = infra.Single(environment, "Microsoft.KeyVault/vaults");
        var recovery = (await SnapshotAsync(environment, recover: true))["predictedResources"]!.AsArray()
            .Select(r => r!.AsObject())
            .Single(r => (string?)r["type"] == "Microsoft.KeyVault/vaults");

        ((string?)ordinary["properties"]!["createMode"]).ShouldBe("default");
        ((string?)recovery["properties"]!["createMode"]).ShouldBe("recover");
        ((string?)recovery["name"]).ShouldBe((string?)ordinary["name"]);
        ((bool?)recovery["properties"]!["enablePurgeProtection"]).ShouldBe(true);
    }

    [Fact]
    public void TheVaultNameDependsOnTheResourceGroupsNameNotOnTimeOrChance()
    {
        var names = infra.Template["variables"]!["names"]!.ToJsonString();
        var suffix = (string)infra.Template["variables"]!["suffix"]!;

        names.ShouldContain("vault");
        suffix.ShouldContain("resourceGroup().id");
        foreach (var volatileFunction in new[] { "utcNow", "newGuid", "deployment()" })
        {
            names.ShouldNotContain(volatileFunction);
            suffix.ShouldNotContain(volatileFunction);
        }
    }

    private static async Task<JsonObject> SnapshotAsync(string environment, bool recover)
    {
        var copy = Directory.CreateTempSubdirectory("infra-recover-");
        try
        {
            CompiledInfra.CopyDirectory(BicepCli.InfraDirectory, copy.FullName);
            var result = await BicepCli.RunInAsync(
                copy.FullName,
                new Dictionary<string, string> { ["INFUSIONAUDIT_RECOVER_KEY_VAULT"] = recover ? "true" : "false" },
                "snapshot", environment + ".bicepparam", "--mode", "overwrite",
                "--subscription-id", CompiledInfra.SubscriptionId, "--tenant-id", CompiledInfra.TenantId,
                "--resource-group", CompiledInfra.ResourceGroup, "--location", "westeurope");
            result.ExitCode.ShouldBe(0, result.ToString());
            return JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(copy.FullName, environment + ".snapshot.json")))!.AsObject();
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }
}
