using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using InfusionAudit.Application.Configuration;
using InfusionAudit.Infrastructure.Storage;

namespace InfusionAudit.Infra.Tests.Bicep;

/// <summary>The deployment and the code agree: app settings bind to real options, tables and queues are the ones the code uses.</summary>
[Collection(CompiledInfraCollection.Name)]
public sealed class AppSettingsTests(CompiledInfra infra)
{
    /// <summary>
    /// Sections the template writes settings for while the code that reads them is still being added. A key under one of
    /// them is tolerated only while no options class claims the section; once one does, the key must bind to it.
    /// </summary>
    private static readonly string[] AwaitingOptions = ["InfusionAudit:Alerts", "InfusionAudit:AppServiceAuth", "InfusionAudit:Telemetry"];

    /// <summary>Keys of an identity-based connection section (credential = managedidentity, clientId for a user-assigned one).</summary>
    private static readonly string[] AzureIdentityKeys = ["credential", "clientId"];

    [Theory]
    [MemberData(nameof(InfraFiles.Environments), MemberType = typeof(InfraFiles))]
    public void EveryInfusionAuditAppSettingBindsToAnOptionsProperty(string environment)
    {
        var unbound = AppSettings(environment).Keys
            .Where(k => k.StartsWith(InfusionAuditOptions.Section + "__", StringComparison.Ordinal))
            .Where(k => !Binds(k.Split("__")))
            .ToList();

        unbound.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(InfraFiles.Environments), MemberType = typeof(InfraFiles))]
    public void TheSettingsTheHostsNeedToStartAreAllPresent(string environment)
    {
        var settings = AppSettings(environment);

        settings.Keys.ShouldContain("InfusionAudit__PatientHashKey");
        settings.Keys.ShouldContain("InfusionAudit__EventsQueue");
        settings.Keys.ShouldContain("InfusionAudit__ClockSchedule");
        settings.Keys.ShouldContain("InfusionAudit__ProtocolsPath");
        settings.Keys.ShouldContain("APPLICATIONINSIGHTS_CONNECTION_STRING");
        settings.Keys.ShouldContain("AzureWebJobsStorage__queueServiceUri");
        settings.Keys.ShouldContain("AzureWebJobsStorage__tableServiceUri");
        // Flex Consumption takes the runtime from functionAppConfig and refuses these settings.
        settings.Keys.ShouldNotContain("FUNCTIONS_WORKER_RUNTIME");
        settings.Keys.ShouldNotContain("FUNCTIONS_EXTENSION_VERSION");
        settings["InfusionAudit__EventsQueue"].ShouldBe(new InfusionAuditOptions().EventsQueue);
    }

    [Theory]
    [MemberData(nameof(InfraFiles.Environments), MemberType = typeof(InfraFiles))]
    public void EveryTriggerExpressionAndConnectionOfTheFunctionsAppHasItsAppSetting(string environment)
    {
        // The Functions host resolves %Name% and Connection names from app settings alone (not from the worker's
        // option defaults): a missing one stops the function from being indexed at all.
        var sources = Directory.GetFiles(Path.Combine(BicepCli.RepositoryRoot, "src", "InfusionAudit.Functions"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .ToList();
        var expressions = sources.SelectMany(s => Regex.Matches(s, "%([A-Za-z0-9:_.]+)%").Select(m => m.Groups[1].Value)).Distinct().ToList();
        var connections = sources.SelectMany(s => Regex.Matches(s, "Connection = \"([^\"]+)\"").Select(m => m.Groups[1].Value)).Distinct().ToList();
        var settings = AppSettings(environment);

        expressions.ShouldNotBeEmpty();
        foreach (var name in expressions)
        {
            settings.Keys.ShouldContain(name.Replace(":", "__", StringComparison.Ordinal), $"trigger expression %{name}%");
        }

        foreach (var name in connections)
        {
            settings.Keys.ShouldContain($"{name}__queueServiceUri", $"identity-based connection {name}");
            settings[$"{name}__credential"].ShouldBe("managedidentity");
        }
    }

    [Theory]
    [MemberData(nameof(InfraFiles.Environments), MemberType = typeof(InfraFiles))]
    public void InAzureTheHostDoesNotCreateTablesOrQueuesAtStartBecauseTheTemplateDoes(string environment)
    {
        AppSettings(environment)["InfusionAudit__CreateStorageAtStart"].ShouldBe("false");
        new InfusionAuditOptions().CreateStorageAtStart.ShouldBeTrue("the local host and Azurite keep creating them");
    }

    [Fact]
    public void TheTemplateCreatesExactlyTheTablesTheCodeUses()
    {
        var listed = JsonNode.Parse(File.ReadAllText(Path.Combine(BicepCli.InfraDirectory, "tables.json")))!["tables"]!.AsArray().Select(t => (string)t!).ToList();
        var created = infra.Resources("prod", "Microsoft.Storage/storageAccounts/tableServices/tables").Select(t => ((string)t["name"]!).Split('/').Last()).ToList();

        listed.Order(StringComparer.Ordinal).ShouldBe(TableNames.All.Order(StringComparer.Ordinal));
        created.Order(StringComparer.Ordinal).ShouldBe(TableNames.All.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(InfraFiles.Environments), MemberType = typeof(InfraFiles))]
    public void TheTemplateCreatesTheEventQueueItsPoisonQueueAndTheAlertQueue(string environment)
    {
        var queues = infra.Resources(environment, "Microsoft.Storage/storageAccounts/queueServices/queues").Select(q => ((string)q["name"]!).Split('/').Last()).ToList();
        var events = new InfusionAuditOptions().EventsQueue;

        queues.Order(StringComparer.Ordinal).ShouldBe(new[] { events, events + "-poison", "alerts-outbound" }.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheLocalSettingsExampleHasEveryInfusionAuditSettingOfTheDeployment()
    {
        var example = JsonNode.Parse(File.ReadAllText(Path.Combine(BicepCli.RepositoryRoot, "src", "InfusionAudit.Functions", "local.settings.json.example")))!["Values"]!.AsObject();

        foreach (var key in AppSettings("prod").Keys.Where(k => k.StartsWith(InfusionAuditOptions.Section + "__", StringComparison.Ordinal)))
        {
            example.ContainsKey(key).ShouldBeTrue($"local.settings.json.example lacks {key}");
        }

        ((string?)example["AzureWebJobsStorage"]).ShouldBe("UseDevelopmentStorage=true");
    }

    [Fact]
    public void LocalSettingsJsonIsIgnoredByGit()
    {
        var lines = File.ReadAllLines(Path.Combine(BicepCli.RepositoryRoot, ".gitignore")).Select(l => l.Trim());

        lines.ShouldContain(l => l == "local.settings.json" || l == "**/local.settings.json");
    }

    /// <summary>Options classes of the application and the configuration section each binds (their <c>Section</c> constant).</summary>
    private static Dictionary<string, Type> SectionTypes() =>
        typeof(InfusionAuditOptions).Assembly.GetTypes()
            .Select(t => (Type: t, Field: t.GetField("Section", BindingFlags.Public | BindingFlags.Static)))
            .Where(x => x.Field is { IsLiteral: true } && x.Field.FieldType == typeof(string))
            .ToDictionary(x => (string)x.Field!.GetRawConstantValue()!, x => x.Type, StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether an app setting (segments of <c>A__B__C</c>) binds to a settable property of some options class.</summary>
    private static bool Binds(string[] segments)
    {
        var sections = SectionTypes();
        for (var length = segments.Length - 1; length >= 1; length--)
        {
            var section = string.Join(':', segments[..length]);
            if (sections.TryGetValue(section, out var type))
            {
                return Binds(type, segments[length..]);
            }
        }

        return false;
    }

    private static bool Binds(Type type, string[] path)
    {
        if (path.Length == 0)
        {
            return true;
        }

        if (path is [var identityKey] && AzureIdentityKeys.Contains(identityKey, StringComparer.Ordinal))
        {
            // Read by AzureComponentFactory.CreateTokenCredential from the same section, as Functions does for its connections.
            return true;
        }

        var property = type.GetProperty(path[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (property is null && type == typeof(InfusionAuditOptions))
        {
            // Neither a nested property nor an options class of its own (checked first) claims the section yet.
            return AwaitingOptions.Contains($"{InfusionAuditOptions.Section}:{path[0]}", StringComparer.OrdinalIgnoreCase);
        }

        return property is { CanWrite: true } && Binds(property.PropertyType, path[1..]);
    }

    private Dictionary<string, string> AppSettings(string environment) =>
        infra.Resources(environment, "Microsoft.Web/sites/config")
            .Single(c => ((string)c["name"]!).EndsWith("/appsettings", StringComparison.Ordinal))["properties"]!.AsObject()
            .ToDictionary(p => p.Key, p => p.Value is JsonValue v ? v.ToString() : p.Value!.ToJsonString(), StringComparer.Ordinal);
}
