using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using InfusionAudit.Infrastructure.Storage.Tables;

namespace InfusionAudit.Infrastructure.Storage;

/// <summary>
/// The storage account the system writes to: one table service and one queue service client, both counted by
/// <see cref="StorageRequestCounter"/>. Built from the Functions setting <c>AzureWebJobsStorage</c>: a connection string,
/// or (in Azure, where shared keys are off) the service URIs and a token credential of the app's managed identity.
/// </summary>
public sealed class StorageAccount
{
    private readonly IReadOnlyList<HttpPipelinePolicy> extraPolicies = [];

    /// <param name="policies">Extra pipeline policies for every request, before the retry policy (fault-injection tests).</param>
    public StorageAccount(string connectionString, StorageRequestCounter counter, params IReadOnlyList<HttpPipelinePolicy> policies)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        Counter = counter;
        extraPolicies = policies;
        Tables = new TableServiceClient(connectionString, TableOptions());
        Queues = new QueueServiceClient(connectionString, QueueOptions());
    }

    /// <summary>An identity-based connection (<c>AzureWebJobsStorage__tableServiceUri</c>, <c>__queueServiceUri</c>, <c>__credential</c>).</summary>
    public StorageAccount(Uri tableServiceUri, Uri queueServiceUri, TokenCredential credential, StorageRequestCounter counter)
    {
        ArgumentNullException.ThrowIfNull(tableServiceUri);
        ArgumentNullException.ThrowIfNull(queueServiceUri);
        ArgumentNullException.ThrowIfNull(credential);
        Counter = counter;
        Tables = new TableServiceClient(tableServiceUri, credential, TableOptions());
        Queues = new QueueServiceClient(queueServiceUri, credential, QueueOptions());
    }

    public TableServiceClient Tables { get; }

    public QueueServiceClient Queues { get; }

    public StorageRequestCounter Counter { get; }

    /// <summary>
    /// Creates every table the system uses; safe to call at each start. A table or queue deleted later (storage reset
    /// under a running host) is created again by the first request that finds it missing (<see cref="RecreateMissingPolicy"/>).
    /// </summary>
    public async Task EnsureTablesAsync(CancellationToken cancellationToken)
    {
        foreach (var name in TableNames.All)
        {
            await Tables.GetTableClient(name).CreateIfNotExistsAsync(cancellationToken);
        }
    }

    private TableClientOptions TableOptions()
    {
        var options = new TableClientOptions();
        Configure(options);
        return options;
    }

    private QueueClientOptions QueueOptions()
    {
        // Device producers and the Functions queue trigger agree on base64 message text (event-contract.md).
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        Configure(options);
        return options;
    }

    private void Configure(ClientOptions options)
    {
        foreach (var policy in extraPolicies)
        {
            options.AddPolicy(policy, HttpPipelinePosition.PerCall);
        }

        options.AddPolicy(
            new RecreateMissingPolicy(
                async (table, ct) => await Tables.CreateTableIfNotExistsAsync(table, ct),
                async (queue, ct) => await Queues.GetQueueClient(queue).CreateIfNotExistsAsync(cancellationToken: ct)),
            HttpPipelinePosition.PerCall);

        options.AddPolicy(Counter, HttpPipelinePosition.PerRetry);
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 3;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
    }
}
