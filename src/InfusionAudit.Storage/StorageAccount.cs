using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace InfusionAudit.Storage;

/// <summary>
/// The storage account the system writes to: one table service and one queue service client, both counted by
/// <see cref="StorageRequestCounter"/>. Built from the Functions setting <c>AzureWebJobsStorage</c>.
/// </summary>
public sealed class StorageAccount
{
    public StorageAccount(string connectionString, StorageRequestCounter counter)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        Counter = counter;

        var tableOptions = new TableClientOptions();
        Configure(tableOptions);
        Tables = new TableServiceClient(connectionString, tableOptions);

        // Device producers and the Functions queue trigger agree on base64 message text (event-contract.md).
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        Configure(queueOptions);
        Queues = new QueueServiceClient(connectionString, queueOptions);
    }

    public TableServiceClient Tables { get; }

    public QueueServiceClient Queues { get; }

    public StorageRequestCounter Counter { get; }

    /// <summary>Creates every table the system uses; safe to call at each start.</summary>
    public async Task EnsureTablesAsync(CancellationToken cancellationToken)
    {
        foreach (var name in TableNames.All)
        {
            await Tables.GetTableClient(name).CreateIfNotExistsAsync(cancellationToken);
        }
    }

    private void Configure(ClientOptions options)
    {
        options.AddPolicy(Counter, HttpPipelinePosition.PerRetry);
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 3;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
    }
}
