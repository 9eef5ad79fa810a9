using System.Diagnostics.CodeAnalysis;
using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Sessions;

namespace InfusionAudit.Infrastructure.Storage.Sessions;

/// <summary>
/// The most recently written sessions of this host, as writers hold them (<see cref="HeldSession"/>: parsed, without their text),
/// bounded both in sessions and in bytes (by estimate): one 4 h session at 1 Hz holds 16,000 events, so a count alone
/// does not bound memory. Safe because every write is guarded by the state ETag: a partition another host changed
/// meanwhile makes the write conflict, which evicts it, and the committer reads it again. Saves the read of a session
/// on every message after its first. Keyed by <see cref="ClinicSessionKey"/>: two clinics' sessions with one id are two entries.
/// </summary>
/// <remarks>
/// When full, it pushes out the least recently used session only if that one is idle (not written for
/// <see cref="IdleAfter"/>: ended, or silent) or to make room for a session it already holds that grew. A session it
/// does not hold yet is not let in at the cost of one still in use: open sessions that outgrow the cache arrive in
/// turn (each gateway's message carries its clinic's chairs), and least-recently-used eviction would then drop each
/// session just before its next message, so that no message finds its sessions held. Declining newcomers instead keeps
/// serving the sessions held, and reads only the others.
/// </remarks>
internal sealed class SessionPartitionCache(int capacity, long maxBytes = long.MaxValue, TimeProvider? clock = null)
{
    /// <summary>
    /// How long a held session may go unwritten and still count as in use. A gateway sends every few seconds, so a session
    /// in use is written well within it. Reads do not count: the clock check reads every open session each minute, and
    /// a session whose devices fell silent must not hold its place for that.
    /// </summary>
    public static readonly TimeSpan IdleAfter = TimeSpan.FromMinutes(2);

    private readonly TimeProvider time = clock ?? TimeProvider.System;
    private readonly Dictionary<string, LinkedListNode<Entry>> entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> recency = new();
    private readonly Lock gate = new();
    private long bytes;
    private long declined;

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

    /// <summary>Sessions not let in because every session held was in use (see the remarks).</summary>
    public long Declined
    {
        get
        {
            lock (gate)
            {
                return declined;
            }
        }
    }

    public bool TryGet(string key, [MaybeNullWhen(false)] out HeldSession partition)
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

        partition = null;
        return false;
    }

    public void Put(HeldSession partition)
    {
        if (capacity <= 0)
        {
            return;
        }

        var size = Estimate(partition);
        lock (gate)
        {
            var key = ClinicSessionKey.Of(partition.ClinicId, partition.SessionId);
            var held = RemoveLocked(key);
            if (size > maxBytes)
            {
                // Larger than the whole budget: read it each time rather than empty the cache for it.
                return;
            }

            var now = time.GetUtcNow();
            var added = recency.AddFirst(new Entry(partition, size, now));
            entries[key] = added;
            bytes += size;
            while ((entries.Count > capacity || bytes > maxBytes) && recency.Last is { } oldest && oldest != added)
            {
                if (!held && now - oldest.Value.PutAt < IdleAfter)
                {
                    RemoveLocked(key);
                    declined++;
                    return;
                }

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

    /// <summary>
    /// What a held session takes in memory, by an over-estimate: strings at 2 bytes a character plus their header, and a
    /// fixed cost per object. The ids every event repeats (session, clinic, device) are held once
    /// (<see cref="StoredEventRows.SharedStrings"/>); the measured cost of a held 1 Hz vitals reading is in
    /// <c>HeldSessionMemoryTests</c>.
    /// </summary>
    internal static long Estimate(HeldSession session)
    {
        long size = 512 + (session.State is { } state ? PerObject + Text(state.StateJson) + Text(state.PatientHistoryJson) + Text(state.ClinicIndexJson) : 0);
        foreach (var e in session.Events)
        {
            size += Estimate(e);
        }

        foreach (var f in session.Findings)
        {
            size += (2 * PerObject) + Text(f.Evidence) + Text(f.EvidenceValuesJson) + Text(f.EpisodeKey) + Text(f.RuleId) + Text(f.TriggerEventId);
        }

        return size;
    }

    /// <summary>One held event: the stored event, its envelope and its payload, and the strings only this event holds.</summary>
    internal static long Estimate(StoredEvent stored)
    {
        // StoredEvent (40 bytes), DeviceEvent (88) and a list slot; the payload below.
        const long Envelope = 160;
        var e = stored.Event;
        return Envelope + Text(e.EventId) + e.Payload switch
        {
            // Six nullable doubles.
            VitalsRecordedPayload => 128,
            InfusionRateChangedPayload or PumpTotalReportedPayload => 2 * PerObject,
            InfusionPausedPayload paused => PerObject + Text(paused.Reason),
            DoseAdministeredPayload dose => 2 * PerObject + Text(dose.LotNumber),
            AdverseEffectObservedPayload effect => PerObject + Text(effect.Note),
            SessionStartedPayload start => 8 * PerObject + Text(start.PatientRef) + Text(start.ProtocolId),
            ScreeningRecordedPayload screening => 4 * PerObject + screening.Contraindications.Sum(c => PerObject + Text(c)) + (8L * screening.ConcomitantMedicineClasses.Count),
            _ => 2 * PerObject,
        };
    }

    // An object's header, method table pointer and a few fields, rounded up.
    private const long PerObject = 64;

    private static long Text(string? text) => text is null ? 0 : 24 + (2L * text.Length);

    private bool RemoveLocked(string key)
    {
        if (!entries.Remove(key, out var node))
        {
            return false;
        }

        recency.Remove(node);
        bytes -= node.Value.Bytes;
        return true;
    }

    /// <param name="PutAt">When the session was put (written, or read for a write): reads from the cache do not move it.</param>
    private sealed record Entry(HeldSession Partition, long Bytes, DateTimeOffset PutAt);
}
