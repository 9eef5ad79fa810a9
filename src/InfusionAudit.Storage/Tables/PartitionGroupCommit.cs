using Azure;
using Azure.Data.Tables;

namespace InfusionAudit.Storage.Tables;

/// <summary>
/// Group commit for index writes: writes to one partition that arrive while a transaction for that partition is in
/// flight are sent together as the next transaction (up to 100 rows, the last write of a row wins). The first write
/// goes out at once, so nothing waits for a timer; under load, the sessions of a message share one round trip.
/// </summary>
/// <remarks>
/// A transaction is all or nothing; when one fails, its rows are written one by one so that one bad row (a delete of
/// a row already gone) does not fail the others, and each caller sees its own outcome.
/// </remarks>
internal sealed class PartitionGroupCommit(TableClient table)
{
    private const int MaxRows = 100;

    private readonly Dictionary<string, PartitionQueue> partitions = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// <summary>Writes one row action; completes when it is stored. A delete of a missing row counts as done.</summary>
    public Task WriteAsync(TableTransactionAction action, CancellationToken cancellationToken)
    {
        var pending = new Pending(action, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        bool lead;
        PartitionQueue queue;
        lock (gate)
        {
            var key = action.Entity.PartitionKey;
            if (!partitions.TryGetValue(key, out queue!))
            {
                partitions[key] = queue = new PartitionQueue();
            }

            queue.Waiting.Add(pending);
            lead = !queue.Flushing;
            queue.Flushing = true;
        }

        if (lead)
        {
            _ = Task.Run(() => FlushAsync(queue, action.Entity.PartitionKey), CancellationToken.None);
        }

        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    private async Task FlushAsync(PartitionQueue queue, string partitionKey)
    {
        while (true)
        {
            List<Pending> batch;
            lock (gate)
            {
                if (queue.Waiting.Count == 0)
                {
                    queue.Flushing = false;
                    partitions.Remove(partitionKey);
                    return;
                }

                batch = queue.Waiting.Take(MaxRows).ToList();
                queue.Waiting.RemoveRange(0, batch.Count);
            }

            await SubmitAsync(batch);
        }
    }

    private async Task SubmitAsync(List<Pending> batch)
    {
        // One action per row in a transaction: the last write of a row wins, its earlier writers complete with it.
        var lastByRow = batch.GroupBy(p => p.Action.Entity.RowKey, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        while (lastByRow.Count > 0)
        {
            try
            {
                await table.SubmitTransactionAsync(lastByRow.Select(p => p.Action), CancellationToken.None);
                batch.ForEach(p => p.Done.TrySetResult());
                return;
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 404 && ex.FailedTransactionActionIndex is { } failed
                && failed < lastByRow.Count && lastByRow[failed].Action.ActionType == TableTransactionActionType.Delete)
            {
                // A delete of a row that is already gone is what its caller wanted: drop it and send the rest together.
                var gone = lastByRow[failed].Action.Entity.RowKey;
                batch.Where(p => p.Action.Entity.RowKey == gone).ToList().ForEach(p => p.Done.TrySetResult());
                lastByRow.RemoveAt(failed);
            }
            catch (RequestFailedException ex) when (ex.Status == 404 && lastByRow.Count == 1 && lastByRow[0].Action.ActionType == TableTransactionActionType.Delete)
            {
                batch.ForEach(p => p.Done.TrySetResult());
                return;
            }
            catch (Exception) when (lastByRow.Count > 1)
            {
                break;
            }
            catch (Exception ex)
            {
                batch.Where(p => !p.Done.Task.IsCompleted).ToList().ForEach(p => p.Done.TrySetException(ex));
                return;
            }
        }

        if (lastByRow.Count == 0)
        {
            return;
        }

        // Any other failure: write the rows one by one so each caller gets its own outcome.
        foreach (var row in batch.Where(p => !p.Done.Task.IsCompleted).GroupBy(p => p.Action.Entity.RowKey, StringComparer.Ordinal))
        {
            var last = row.Last();
            try
            {
                await WriteOneAsync(last.Action);
                foreach (var p in row)
                {
                    p.Done.TrySetResult();
                }
            }
            catch (Exception ex)
            {
                foreach (var p in row)
                {
                    p.Done.TrySetException(ex);
                }
            }
        }
    }

    private async Task WriteOneAsync(TableTransactionAction action)
    {
        switch (action.ActionType)
        {
            case TableTransactionActionType.Delete:
                try
                {
                    await table.DeleteEntityAsync(action.Entity.PartitionKey, action.Entity.RowKey, ETag.All, CancellationToken.None);
                }
                catch (RequestFailedException ex) when (ex.Status == 404)
                {
                    // Already gone: what the caller wanted.
                }

                break;
            case TableTransactionActionType.UpsertReplace:
                await table.UpsertEntityAsync(action.Entity, TableUpdateMode.Replace, CancellationToken.None);
                break;
            default:
                throw new NotSupportedException($"Group commit takes replacing upserts and deletes, not {action.ActionType}.");
        }
    }

    private sealed class PartitionQueue
    {
        public List<Pending> Waiting { get; } = [];

        public bool Flushing { get; set; }
    }

    private sealed record Pending(TableTransactionAction Action, TaskCompletionSource Done);
}
