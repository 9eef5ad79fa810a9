using InfusionAudit.Domain.Sessions;

namespace InfusionAudit.Infrastructure.Storage.Sessions;

/// <summary>
/// The most recently written session partitions of this host, least recently used evicted first, bounded both in
/// sessions and in bytes (by estimate): one 4 h session at 1 Hz holds 16,000 events, so a count alone does not bound
/// memory. Safe because every write is guarded by the state ETag: a partition another host changed meanwhile makes the
/// write conflict, which evicts it, and the committer reads it again. Saves the read of a session on every message
/// after its first. Keyed by <see cref="ClinicSessionKey"/>: two clinics' sessions with one id are two entries.
/// </summary>
internal sealed class SessionPartitionCache(int capacity, long maxBytes = long.MaxValue)
{
    private readonly Dictionary<string, LinkedListNode<Entry>> entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> recency = new();
    private readonly Lock gate = new();
    private long bytes;

    /// <summary>The estimated size of what is held.</summary>
    public long Bytes
    {
        get
        {
            lock (gate)
            {
                return bytes;
            }
        }
    }

    public int Count
    {
        get
        {
            lock (gate)
            {
                return entries.Count;
            }
        }
    }

    public bool TryGet(string key, out SessionPartition partition)
    {
        lock (gate)
        {
            if (entries.TryGetValue(key, out var node))
            {
                recency.Remove(node);
                recency.AddFirst(node);
                partition = node.Value.Partition;
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

        var size = Estimate(partition);
        lock (gate)
        {
            var key = ClinicSessionKey.Of(partition.ClinicId, partition.SessionId);
            RemoveLocked(key);
            if (size > maxBytes)
            {
                // Larger than the whole budget: read it each time rather than empty the cache for it.
                return;
            }

            entries[key] = recency.AddFirst(new Entry(partition, size));
            bytes += size;
            while ((entries.Count > capacity || bytes > maxBytes) && recency.Last is { } oldest)
            {
                RemoveLocked(ClinicSessionKey.Of(oldest.Value.Partition.ClinicId, oldest.Value.Partition.SessionId));
            }
        }
    }

    public void Evict(string key)
    {
        lock (gate)
        {
            RemoveLocked(key);
        }
    }

    /// <summary>Strings at 2 bytes a character plus a fixed cost per object: an over-estimate of what a partition holds (with its events' parsed form).</summary>
    internal static long Estimate(SessionPartition partition)
    {
        const int PerRow = 256;
        long size = 512 + (partition.State is { } state ? PerRow + (2L * (state.StateJson.Length + (state.PatientHistoryJson?.Length ?? 0) + (state.ClinicIndexJson?.Length ?? 0))) : 0);
        foreach (var e in partition.Events)
        {
            size += PerRow + (2L * (e.RawJson.Length + e.EventId.Length + e.Type.Length + e.ClinicId.Length + e.DeviceId.Length));

            // Its parsed form, which the committer keeps beside a cached row: records, and strings that are a part of the
            // JSON's text (ids, codes, notes; keys, punctuation and numbers drop out), so a byte per character of JSON.
            size += PerRow + e.RawJson.Length;
        }

        foreach (var f in partition.Findings)
        {
            size += PerRow + (2L * (f.Evidence.Length + f.EvidenceValuesJson.Length + f.EpisodeKey.Length + f.RuleId.Length + (f.TriggerEventId?.Length ?? 0)));
        }

        return size;
    }

    private void RemoveLocked(string key)
    {
        if (entries.Remove(key, out var node))
        {
            recency.Remove(node);
            bytes -= node.Value.Bytes;
        }
    }

    private sealed record Entry(SessionPartition Partition, long Bytes);
}
