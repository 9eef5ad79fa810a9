using System.Text.Json.Nodes;

namespace InfusionAudit.Infra.Tests.Bicep;

/// <summary>
/// The security properties the deployment promises, read from what Azure would be asked to create (the snapshot of each
/// environment) and from the compiled template itself.
/// </summary>
[Collection(CompiledInfraCollection.Name)]
public sealed class TemplateSecurityTests(CompiledInfra infra)
{
    [Theory]
    [MemberData(nameof(InfraFiles.Environments), MemberType = typeof(InfraFiles))]
    public void TheStorageAccountRefusesSharedKeysPlainHttpOldTlsAndPublicBlobs(string environment)
    {
        var properties = infra.Single(environment, "Microsoft.Storage/storageAccounts")["properties"]!;

        ((bool?)properties["allowSharedKeyAccess"]).ShouldBe(false);
        ((bool?)properties["supportsHttpsTrafficOnly"]).ShouldBe(true);
        ((string?)properties["minimumTlsVersion"]).ShouldBe("TLS1_2");
        ((bool?)properties["allowBlobPublicAccess"]).ShouldBe(false);
        infra.Resources(environment, "Microsoft.Storage/storageAccounts/blobServices/containers")
            .ShouldAllBe(c => (string?)c["properties"]!["publicAccess"] == "None");
    }

    [Theory]
    [MemberData(nameof(InfraFiles.Environments), MemberType = typeof(InfraFiles))]
    public void TheFunctionAppIsHttpsOnlyWithTls12NoFtpAndASystemAssignedIdentity(string environment)
    {
        var site = infra.Single(environment, "Microsoft.Web/sites");
        var properties = site["properties"]!;

        ((string?)site["identity"]!["type"]).ShouldBe("SystemAssigned");
        ((bool?)properties["httpsOnly"]).ShouldBe(true);
        ((string?)properties["siteConfig"]!["minTlsVersion"]).ShouldBe("1.2");
        ((string?)properties["siteConfig"]!["scmMinTlsVersion"]).ShouldBe("1.2");
        ((string?)properties["siteConfig"]!["ftpsState"]).ShouldBe("Disabled");
        var policies = infra.Resources(environment, "Microsoft.Web/sites/basicPublishingCredentialsPolicies");
        policies.Select(p => ((string)p["name"]!).Split('/')[^1]).Order().ShouldBe(["ftp", "scm"]);
        policies.ShouldAllBe(p => (bool?)p["properties"]!["allow"] == false);
    }

    [Theory]
    [MemberData(nameof(InfraFiles.Environments), MemberType = typeof(InfraFiles))]
    public void TheFunctionAppRunsDotnetIsolated10OnFlexConsumptionDeployedWithItsIdentity(string environment)
    {
        var plan = infra.Single(environment, "Microsoft.Web/serverfarms");
        var config = infra.Single(environment, "Microsoft.Web/sites")["properties"]!["functionAppConfig"]!;

        ((string?)plan["sku"]!["tier"]).ShouldBe("FlexConsumption");
        ((string?)config["runtime"]!["name"]).ShouldBe("dotnet-isolated");
        ((string?)config["runtime"]!["version"]).ShouldBe("10.0");
        ((string?)config["deployment"]!["storage"]!["authentication"]!["type"]).ShouldBe("SystemAssignedIdentity");
        ((int?)config["scaleAndConcurrency"]!["instanceMemoryMB"]).ShouldNotBeNull();
    }

    [Theory]
    [MemberData(nameof(InfraFiles.Environments), MemberType = typeof(InfraFiles))]
    public void TheAlertTopicDropsDuplicatesAndTheNamespaceAcceptsOnlyEntraId(string environment)
    {
        var ns = infra.Single(environment, "Microsoft.ServiceBus/namespaces");
        var topic = infra.Single(environment, "Microsoft.ServiceBus/namespaces/topics");

        ((string?)ns["sku"]!["name"]).ShouldBe("Standard");
        ((bool?)ns["properties"]!["disableLocalAuth"]).ShouldBe(true);
        ((string?)ns["properties"]!["minimumTlsVersion"]).ShouldBe("1.2");
        ((string)topic["name"]!).ShouldEndWith("/clinical-alerts");
        ((bool?)topic["properties"]!["requiresDuplicateDetection"]).ShouldBe(true);
        System.Xml.XmlConvert.ToTimeSpan((string)topic["properties"]!["duplicateDetectionHistoryTimeWindow"]!).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMinutes(1));
    }

    [Theory]
    [MemberData(nameof(InfraFiles.Environments), MemberType = typeof(InfraFiles))]
    public void EachClinicHasAnOnCallSubscriptionForItsCriticalAlertsEscalationsHaveOneAndAuditGetsEverything(string environment)
    {
        var rules = infra.Resources(environment, "Microsoft.ServiceBus/namespaces/topics/subscriptions/rules")
            .ToDictionary(r => ((string)r["name"]!).Split('/')[^2], r => (string)r["properties"]!["sqlFilter"]!["sqlExpression"]!);

        rules["audit-all"].ShouldBe("1=1");
        rules["escalation"].ShouldBe("target = 'escalation'");
        var onCall = rules.Where(r => r.Key.StartsWith("oncall-", StringComparison.Ordinal)).ToList();
        onCall.ShouldNotBeEmpty();
        onCall.ShouldAllBe(r => r.Value.StartsWith("severity = 'critical' AND clinicId = '", StringComparison.Ordinal));
        rules.Count.ShouldBe(onCall.Count + 2);
    }

    [Theory]
    [MemberData(nameof(InfraFiles.Environments), MemberType = typeof(InfraFiles))]
    public void TheKeyVaultUsesRbacWithSoftDeleteAndPurgeProtection(string environment)
    {
        var properties = infra.Single(environment, "Microsoft.KeyVault/vaults")["properties"]!;

        ((bool?)properties["enableRbacAuthorization"]).ShouldBe(true);
        ((bool?)properties["enableSoftDelete"]).ShouldBe(true);
        ((bool?)properties["enablePurgeProtection"]).ShouldBe(true);
        properties["accessPolicies"].ShouldBeNull();
        // The template never holds a secret value: the HMAC key and API keys are set out of band.
        infra.Resources(environment, "Microsoft.KeyVault/vaults/secrets").ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(InfraFiles.Environments), MemberType = typeof(InfraFiles))]
    public void ApplicationInsightsSitsOnAWorkspaceAndAcceptsOnlyEntraIdIngestion(string environment)
    {
        var properties = infra.Single(environment, "Microsoft.Insights/components")["properties"]!;

        ((bool?)properties["DisableLocalAuth"]).ShouldBe(true);
        ((string?)properties["WorkspaceResourceId"]).ShouldNotBeNullOrEmpty();
        infra.Resources(environment, "Microsoft.OperationalInsights/workspaces").ShouldHaveSingleItem();
    }

    [Theory]
    [MemberData(nameof(InfraFiles.Environments), MemberType = typeof(InfraFiles))]
    public void TheHmacKeyAndApiKeysAreKeyVaultReferencesAndStorageUsesTheManagedIdentity(string environment)
    {
        var settings = AppSettings(environment);

        settings["InfusionAudit__PatientHashKey"].ShouldContain("@Microsoft.KeyVault(SecretUri=");
        settings["InfusionAudit__PatientHashKey"].ShouldContain("'patient-hash-key'");
        foreach (var role in new[] { "Producer", "OnCall", "Auditor", "Admin" })
        {
            settings[$"InfusionAudit__Keys__{role}"].ShouldContain("@Microsoft.KeyVault(SecretUri=");
        }

        settings["AzureWebJobsStorage__credential"].ShouldBe("managedidentity");
        settings["AzureWebJobsStorage__accountName"].ShouldNotBeNullOrEmpty();
        settings.ShouldNotContainKey("AzureWebJobsStorage");
        settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"].ShouldBe("Authorization=AAD");
        foreach (var (name, value) in settings)
        {
            value.ShouldNotContain("AccountKey=", customMessage: name);
            value.ShouldNotContain("SharedAccessKey", customMessage: name);
            value.ShouldNotContain("listKeys", customMessage: name);
        }
    }

    [Theory]
    [MemberData(nameof(InfraFiles.Environments), MemberType = typeof(InfraFiles))]
    public void TheAppIdentityHoldsExactlyTheDataRolesItNeedsAndNoControlPlaneRole(string environment)
    {
        var assignments = infra.Resources(environment, "Microsoft.Authorization/roleAssignments")
            .Where(a => (string?)a["properties"]!["principalType"] == "ServicePrincipal"
                && ((string?)a["properties"]!["principalId"] ?? string.Empty).Contains("principalId", StringComparison.Ordinal))
            .Select(a => ((string)a["properties"]!["roleDefinitionId"]!).Split('/')[^1])
            .Order(StringComparer.Ordinal)
            .ToList();

        assignments.ShouldBe(new[]
        {
            "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", // Storage Blob Data Owner (host leases, deployment package)
            "974c5e8b-45b9-4653-ba55-5f855dd0fb88", // Storage Queue Data Contributor
            "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", // Storage Table Data Contributor
            "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39", // Azure Service Bus Data Sender
            "4633458b-17de-408a-b874-0445c86b69e6", // Key Vault Secrets User
            "3913510d-42f4-4e42-8a64-420c390055eb", // Monitoring Metrics Publisher
        }.Order(StringComparer.Ordinal));

        var controlPlane = new[] { "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "b24988ac-6180-42a0-ab88-20f7382dd24c", "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9" };
        infra.Resources(environment, "Microsoft.Authorization/roleAssignments")
            .Select(a => ((string)a["properties"]!["roleDefinitionId"]!).Split('/').Last())
            .ShouldAllBe(role => !controlPlane.Contains(role));
    }

    [Fact]
    public void AppServiceAuthenticationWithEntraIdIsOnInProductionWhenItsClientIdIsGiven()
    {
        var auth = infra.Resources("prod", "Microsoft.Web/sites/config").Single(c => ((string)c["name"]!).EndsWith("/authsettingsV2", StringComparison.Ordinal));
        var properties = auth["properties"]!;

        ((bool?)properties["platform"]!["enabled"]).ShouldBe(true);
        ((bool?)properties["httpSettings"]!["requireHttps"]).ShouldBe(true);
        ((string?)properties["identityProviders"]!["azureActiveDirectory"]!["registration"]!["clientId"]).ShouldBe(CompiledInfra.AuthClientId);
        ((string)properties["identityProviders"]!["azureActiveDirectory"]!["registration"]!["openIdIssuer"]!).ShouldContain(CompiledInfra.TenantId);
    }

    [Theory]
    [MemberData(nameof(InfraFiles.Environments), MemberType = typeof(InfraFiles))]
    public void ThePlatformHealthCheckProbesReadinessAndAuthenticationLetsItThrough(string environment)
    {
        var site = infra.Single(environment, "Microsoft.Web/sites");

        ((string?)site["properties"]!["siteConfig"]!["healthCheckPath"]).ShouldBe("/api/health/ready");
        InfusionAudit.Http.RouteTable.All.ShouldContain(r => r.Method == "GET" && r.Template == "/api/health/ready" && r.Roles == null);
        var auth = infra.Resources("prod", "Microsoft.Web/sites/config").Single(c => ((string)c["name"]!).EndsWith("/authsettingsV2", StringComparison.Ordinal));
        auth["properties"]!["globalValidation"]!["excludedPaths"]!.AsArray().Select(p => (string?)p).ShouldContain("/api/health/ready");
    }

    [Fact]
    public void NoOutputIsSecureOrCarriesAKeyOrConnectionString()
    {
        foreach (var template in infra.AllTemplates())
        {
            foreach (var (name, output) in template["outputs"]?.AsObject() ?? [])
            {
                var type = ((string?)output!["type"] ?? string.Empty).ToLowerInvariant();
                type.ShouldNotStartWith("secure", customMessage: name);
                var value = output["value"]?.ToJsonString() ?? string.Empty;
                foreach (var forbidden in new[] { "listKeys", "listSecrets", "listConnectionStrings", "ConnectionString", "InstrumentationKey", "primaryKey", "secondaryKey" })
                {
                    value.ShouldNotContain(forbidden, Case.Insensitive, $"output {name}");
                }
            }
        }
    }

    [Fact]
    public void NoSecureParameterHasADefaultValue()
    {
        var checkedAny = false;
        foreach (var template in infra.AllTemplates())
        {
            foreach (var (name, parameter) in template["parameters"]?.AsObject() ?? [])
            {
                checkedAny = true;
                var type = ((string?)parameter!["type"] ?? string.Empty).ToLowerInvariant();
                if (type.StartsWith("secure", StringComparison.Ordinal))
                {
                    parameter.AsObject().ContainsKey("defaultValue").ShouldBeFalse($"secure parameter {name} has a default");
                }

                // A parameter named like a secret must be secure (and then has no default).
                if (LooksSecret(name))
                {
                    type.ShouldStartWith("secure", customMessage: name);
                }
            }
        }

        checkedAny.ShouldBeTrue();
    }

    private static bool LooksSecret(string name) =>
        !name.EndsWith("SecretName", StringComparison.Ordinal) && !name.EndsWith("SecretVersion", StringComparison.Ordinal)
        && new[] { "password", "secret", "apikey", "accountkey", "connectionstring" }.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase));

    private Dictionary<string, string> AppSettings(string environment) =>
        infra.Resources(environment, "Microsoft.Web/sites/config")
            .Single(c => ((string)c["name"]!).EndsWith("/appsettings", StringComparison.Ordinal))["properties"]!.AsObject()
            .ToDictionary(p => p.Key, p => p.Value is JsonValue v ? v.ToString() : p.Value!.ToJsonString(), StringComparer.Ordinal);
}
