using InfusionAudit.Application;
using InfusionAudit.Http;
using InfusionAudit.Infrastructure;
using InfusionAudit.Infrastructure.Storage;
using InfusionAudit.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace InfusionAudit.Functions.Tests;

/// <summary>The services the Functions worker registers (the same AddInfusionAudit call), pointed at the test Azurite, with a key per role the tests use.</summary>
public sealed class FunctionServices : IAsyncLifetime
{
    public const string ProducerKey = "fn-producer-key";
    public const string AuditorKey = "fn-auditor-key";
    public const string AdminKey = "fn-admin-key";

    public ServiceProvider Provider { get; private set; } = null!;

    public T Get<T>() where T : notnull => Provider.GetRequiredService<T>();

    public async ValueTask InitializeAsync()
    {
        var connection = Azurite.ConnectionString;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = connection,
            ["InfusionAudit:PatientHashKey"] = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90",
            ["InfusionAudit:Keys:Producer"] = ProducerKey,
            ["InfusionAudit:Keys:Auditor"] = AuditorKey,
            ["InfusionAudit:Keys:Admin"] = AdminKey,
        }).Build();
        Provider = new ServiceCollection().AddLogging().AddInfusionAudit(configuration).AddInfusionAuditHttp(configuration).BuildServiceProvider();
        Provider.ValidateInfusionAudit();
        await Provider.GetRequiredService<StorageAccount>().EnsureTablesAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync() => await Provider.DisposeAsync();
}
