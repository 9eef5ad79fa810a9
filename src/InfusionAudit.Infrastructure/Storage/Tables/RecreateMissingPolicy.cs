using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace InfusionAudit.Infrastructure.Storage.Tables;

/// <summary>
/// Storage was reset under a running host (a restarted in-memory Azurite, a deleted table or queue): a request answered
/// "table not found" or "queue not found" creates that table or queue and is sent once more, so every reader and writer
/// of <see cref="StorageAccount"/> recovers by itself, without a host restart and without a copy of this per writer.
/// Entity transactions are the one exception: their "table not found" sits inside a 202 multipart answer, so
/// <see cref="TableTransactions"/> handles them.
/// </summary>
internal sealed class RecreateMissingPolicy(Func<string, CancellationToken, Task> createTable, Func<string, CancellationToken, Task> createQueue) : HttpPipelinePolicy
{
    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        if (MissingResource(message) is { } create)
        {
            await create(message.CancellationToken);
            await ProcessNextAsync(message, pipeline);
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ProcessNext(message, pipeline);
        if (MissingResource(message) is { } create)
        {
            create(message.CancellationToken).GetAwaiter().GetResult();
            ProcessNext(message, pipeline);
        }
    }

    private Func<CancellationToken, Task>? MissingResource(HttpMessage message)
    {
        if (!message.HasResponse || message.Response.Status != 404 || !message.Response.Headers.TryGetValue("x-ms-error-code", out var code))
        {
            return null;
        }

        var segments = message.Request.Uri.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (code == TableMissing.ErrorCode && segments.Length > 0)
        {
            // Entity requests address "{table}" or "{table}(PartitionKey='..',RowKey='..')"; "Tables(..)" is the table itself.
            var last = segments[^1];
            var table = last.IndexOf('(', StringComparison.Ordinal) is var open and >= 0 ? last[..open] : last;
            return table.Length == 0 || table[0] == '$' || table.Equals("Tables", StringComparison.OrdinalIgnoreCase) ? null : ct => createTable(table, ct);
        }

        if (code == "QueueNotFound")
        {
            // Message requests address "{queue}/messages[/{id}]"; a request to the queue itself is left alone.
            var messages = Array.LastIndexOf(segments, "messages");
            return messages >= 1 ? ct => createQueue(segments[messages - 1], ct) : null;
        }

        return null;
    }
}
