using InfusionAudit.Application;
using InfusionAudit.Infrastructure;
using InfusionAudit.Infrastructure.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace InfusionAudit.Infra.Tests.Configuration;

/// <summary>
/// The storage settings infra/ writes (no connection string: the account refuses shared keys) give the app a storage
/// account on the right endpoints, as the Functions host reads the same settings.
/// </summary>
public sealed class IdentityConnectionTests
{
    [Fact]
    public void AnAccountNameWithTheManagedIdentityCredentialPointsTablesAndQueuesAtThatAccount()
    {
        var account = Resolve(new()
        {
            ["AzureWebJobsStorage:accountName"] = "stinfauditprod",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
        });

        account.Tables.Uri.ShouldBe(new Uri("https://stinfauditprod.table.core.windows.net/"));
        account.Queues.Uri.ShouldBe(new Uri("https://stinfauditprod.queue.core.windows.net/"));
    }

    [Fact]
    public void ExplicitServiceUrisWinOverTheAccountName()
    {
        var account = Resolve(new()
        {
            ["AzureWebJobsStorage:accountName"] = "ignored",
            ["AzureWebJobsStorage:tableServiceUri"] = "https://tables.example.test/",
            ["AzureWebJobsStorage:queueServiceUri"] = "https://queues.example.test/",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
            ["AzureWebJobsStorage:clientId"] = "00000000-0000-0000-0000-000000000001",
        });

        account.Tables.Uri.ShouldBe(new Uri("https://tables.example.test/"));
        account.Queues.Uri.ShouldBe(new Uri("https://queues.example.test/"));
    }

    [Fact]
    public void AConnectionStringIsStillUsedWhenPresent()
    {
        var account = Resolve(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });

        account.Tables.AccountName.ShouldBe("devstoreaccount1");
    }

    [Fact]
    public void WithNeitherAConnectionStringNorAnAccountTheErrorNamesBothWays()
    {
        var error = Should.Throw<InvalidOperationException>(() => Resolve(new()));

        error.Message.ShouldContain("AzureWebJobsStorage__accountName");
        error.Message.ShouldContain("UseDevelopmentStorage=true");
    }

    private static StorageAccount Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddInfusionAudit(configuration).BuildServiceProvider();
        return services.GetRequiredService<StorageAccount>();
    }
}
