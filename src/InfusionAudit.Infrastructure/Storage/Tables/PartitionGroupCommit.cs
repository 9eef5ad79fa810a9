using Azure;
using Azure.Data.Tables;

namespace InfusionAudit.Infrastructure.Storage.Tables;

/// <summary>
/// Group commit for one table: writes to one partition that arrive while a transaction for that partition is in flight
/// are sent together as the next transaction (up to 100 rows). The first write waits a few milliseconds
/// (<see cref="DefaultLinger"/>) for the writes that the other sessions of its message are about to make, so that a
/// message's sessions share one round trip instead of the first going alone; a round trip to storage costs more.
/// </summary>
/// <remarks>
/// A write is a group of rows that must land together (a session's state, events and findings) or a single row (an
/// index entry). Groups are never split. For single rows the last write of a row wins and its earlier writers complete
/// with it. A transaction is all or nothing: when one row fails it, only the group that owns that row fails (a delete of
/// a row already gone counts as done), and the others are sent again; a failure that names no row makes each group go
/// alone, so each caller sees its own outcome.
/// </remarks>
internal sealed class PartitionGroupCommit(TableClient table, TimeSpan? linger = null)
{
    /// <summary>
    /// How long the first write of a round waits for company. The sessions of a message reach their writes within a
    /// millisecond or two of each other; a storage round trip costs several, so waiting a little saves requests and time.
    /// </summary>
    public static readonly TimeSpan DefaultLinger = TimeSpan.FromMilliseconds(3);

    private const int MaxRows = 100;

    private readonly TimeSpan lingerFor = linger ?? DefaultLinger;

    private readonly Dictionary<string, PartitionQueue> partitions = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// <summary>Writes one row action; completes when it is stored. A delete of a missing row counts as done.</summary>
    public Task WriteAsync(TableTransactionAction action, CancellationToken cancellationToken) =>
        WriteGroupAsync([action], cancellationToken);

    /// <summary>
    /// Writes rows of one partition in one transaction, together with other writers' rows when they arrive at the same
    /// time. Returns the response of each row, in order.
    /// </summary>
    /// <exception cref="TableTransactionFailedException">A row of this group failed (for example a stale ETag).</exception>
    public Task<IReadOnlyList<Response>> WriteGroupAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        if (actions.Count is 0 or > MaxRows)
        {
            throw new ArgumentOutOfRangeException(nameof(actions), $"A group holds 1 to {MaxRows} rows, not {actions.Count}.");
        }

        var partitionKey = actions[0].Entity.PartitionKey;
        if (actions.Any(a => !string.Equals(a.Entity.PartitionKey, partitionKey, StringComparison.Ordinal)))
        {
            // Azurite would take it; Azure refuses a transaction over several partitions.
            throw new ArgumentException("Every row of a group must be in the same partition.", nameof(actions));
        }

        var pending = new Pending(actions, new TaskCompletionSource<IReadOnlyList<Response>>(TaskCreationOptions.RunContinuationsAsynchronously));
        bool lead;
        PartitionQueue queue;
        lock (gate)
        {
            if (!partitions.TryGetValue(partitionKey, out queue!))
            {
                partitions[partitionKey] = queue = new PartitionQueue();
            }

            queue.Waiting.Add(pending);
            lead = !queue.Flushing;
            queue.Flushing = true;
        }

        if (lead)
        {
            _ = Task.Run(
                async () =>
                {
                    if (lingerFor > TimeSpan.Zero)
                    {
                        await Task.Delay(lingerFor, CancellationToken.None);
                    }

                    await FlushAsync(queue, partitionKey);
                },
                CancellationToken.None);
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

                batch = TakeBatch(queue.Waiting);
            }

            await SubmitAsync(batch);
        }
    }

    /// <summary>Takes writes in arrival order while their rows fit one transaction and no group would meet a row twice.</summary>
    private static List<Pending> TakeBatch(List<Pending> waiting)
    {
        var batch = new List<Pending>();
        var rows = new Dictionary<string, Pending>(StringComparer.Ordinal);
        var taken = 0;
        foreach (var pending in waiting)
        {
            var newRows = pending.Actions.Count(a => !rows.ContainsKey(a.Entity.RowKey));
            var meetsGroup = pending.Actions.Any(a => rows.TryGetValue(a.Entity.RowKey, out var other) && (other.Actions.Count > 1 || pending.Actions.Count > 1));
            if (meetsGroup || taken + newRows > MaxRows)
            {
                break;
            }

            foreach (var action in pending.Actions)
            {
                rows[action.Entity.RowKey] = pending;
            }

            taken += newRows;
            batch.Add(pending);
        }

        waiting.RemoveRange(0, batch.Count);
        return batch;
    }

    private async Task SubmitAsync(List<Pending> batch)
    {
        while (batch.Count > 0)
        {
            // One action per row: a later single-row write replaces an earlier one, whose caller completes with it.
            var lastByRow = new Dictionary<string, (TableTransactionAction Action, Pending Owner)>(StringComparer.Ordinal);
            var order = new List<string>();
            foreach (var pending in batch)
            {
                foreach (var action in pending.Actions)
                {
                    if (!lastByRow.ContainsKey(action.Entity.RowKey))
                    {
                        order.Add(action.Entity.RowKey);
                    }

                    lastByRow[action.Entity.RowKey] = (action, pending);
                }
            }

            var actions = order.Select(k => lastByRow[k]).ToList();
            try
            {
                var response = await SubmitCreatingTableAsync(actions.Select(a => a.Action).ToList());
                var byRow = order.Select((k, i) => (k, i)).ToDictionary(x => x.k, x => response.Value[x.i], StringComparer.Ordinal);
                foreach (var pending in batch)
                {
                    pending.Done.TrySetResult([.. pending.Actions.Select(a => byRow[a.Entity.RowKey])]);
                }

                return;
            }
            catch (TableTransactionFailedException ex) when (ex.FailedTransactionActionIndex is { } failed && failed < actions.Count)
            {
                var (action, owner) = actions[failed];
                var culprits = batch.Where(p => ReferenceEquals(p, owner) || (owner.Actions.Count == 1 && p.Actions.Count == 1 && p.Actions[0].Entity.RowKey == action.Entity.RowKey)).ToList();
                if (ex.Status == 404 && action.ActionType == TableTransactionActionType.Delete && owner.Actions.Count == 1)
                {
                    // A delete of a row that is already gone is what its caller wanted.
                    culprits.ForEach(p => p.Done.TrySetResult([]));
                }
                else
                {
                    culprits.ForEach(p => p.Done.TrySetException(ex));
                }

                batch = [.. batch.Except(culprits)];
            }
            catch (Exception ex)
            {
                if (batch.Count == 1)
                {
                    await SubmitAloneAsync(batch[0], ex);
                    return;
                }

                // A failure that names no row: let each write go alone, so each caller gets its own outcome.
                foreach (var pending in batch)
                {
                    await SubmitAsync([pending]);
                }

                return;
            }
        }
    }

    private Task<Response<IReadOnlyList<Response>>> SubmitCreatingTableAsync(List<TableTransactionAction> actions) =>
        TableTransactions.SubmitAsync(table, actions, CancellationToken.None);

    /// <summary>The last try of a write that failed alone: a delete of a missing row is done; anything else fails.</summary>
    private static Task SubmitAloneAsync(Pending pending, Exception error)
    {
        if (error is RequestFailedException { Status: 404 } && pending.Actions is [{ ActionType: TableTransactionActionType.Delete }])
        {
            pending.Done.TrySetResult([]);
        }
        else
        {
            pending.Done.TrySetException(error);
        }

        return Task.CompletedTask;
    }

    private sealed class PartitionQueue
    {
        public List<Pending> Waiting { get; } = [];

        public bool Flushing { get; set; }
    }

    private sealed record Pending(IReadOnlyList<TableTransactionAction> Actions, TaskCompletionSource<IReadOnlyList<Response>> Done);
}
