namespace InfusionAudit.Storage.Sessions;

/// <summary>
/// The most recently written session partitions of this host, least recently used evicted first. Safe because every
/// write is guarded by the state ETag: a partition another host changed meanwhile makes the write conflict, which evicts
/// it, and the committer reads it again. Saves the read of a session on every message after its first.
/// </summary>
internal sealed class SessionPartitionCache(int capacity)
{
    private readonly Dictionary<string, LinkedListNode<SessionPartition>> entries = new(StringComparer.Ordinal);
    private readonly LinkedList<SessionPartition> recency = new();
    private readonly Lock gate = new();

    public bool TryGet(string sessionId, out SessionPartition partition)
    {
        lock (gate)
        {
            if (entries.TryGetValue(sessionId, out var node))
            {
                recency.Remove(node);
                recency.AddFirst(node);
                partition = node.Value;
                return true;
            }
        }

        partition = null!;
        return false;
    }

    public void Put(SessionPartition partition)
    {
        if (capacity <= 0)
        {
            return;
        }

        lock (gate)
        {
            if (entries.Remove(partition.SessionId, out var existing))
            {
                recency.Remove(existing);
            }

            entries[partition.SessionId] = recency.AddFirst(partition);
            while (entries.Count > capacity && recency.Last is { } oldest)
            {
                recency.RemoveLast();
                entries.Remove(oldest.Value.SessionId);
            }
        }
    }

    public void Evict(string sessionId)
    {
        lock (gate)
        {
            if (entries.Remove(sessionId, out var node))
            {
                recency.Remove(node);
            }
        }
    }
}
