namespace InfusionAudit.Application.Sessions;

/// <summary>
/// One async lock per session id within this host. Messages handled in parallel often carry events of the same
/// session (a gateway's consecutive uploads); taking turns here costs one cached read, where racing costs a failed
/// transaction, a fresh read and another commit. Across hosts the state ETag still decides.
/// </summary>
/// <remarks>
/// Waiters take their turn by the lowest sequence number they carry, not by arrival: messages of one session that are
/// handled side by side are then folded in the order the device numbered them, so the session is not judged on a
/// later part of its stream before an earlier part that is already here.
/// </remarks>
internal sealed class SessionLocks
{
    private readonly Dictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private long arrivals;

    /// <param name="order">Lower goes first among waiters (the lowest event sequence the caller carries).</param>
    public async Task<IDisposable> AcquireAsync(string sessionId, long order, CancellationToken cancellationToken)
    {
        Waiter? waiter = null;
        lock (gate)
        {
            if (!entries.TryGetValue(sessionId, out var entry))
            {
                entries[sessionId] = entry = new Entry();
            }

            entry.Users++;
            if (!entry.Held)
            {
                entry.Held = true;
                return new Releaser(() => Release(sessionId));
            }

            waiter = new Waiter(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            entry.Waiting.Enqueue(waiter, (order, arrivals++));
        }

        try
        {
            await waiter.Turn.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            lock (gate)
            {
                if (!waiter.Turn.Task.IsCompletedSuccessfully)
                {
                    // Given up before its turn: skipped when it comes up.
                    waiter.Abandoned = true;
                    entries[sessionId].Users--;
                    throw;
                }
            }

            // The turn came at the same moment: pass it on.
            Release(sessionId);
            throw;
        }

        return new Releaser(() => Release(sessionId));
    }

    private void Release(string sessionId)
    {
        lock (gate)
        {
            var entry = entries[sessionId];
            entry.Users--;
            while (entry.Waiting.TryDequeue(out var next, out _))
            {
                if (!next.Abandoned)
                {
                    next.Turn.SetResult();
                    return;
                }
            }

            entry.Held = false;
            if (entry.Users == 0)
            {
                entries.Remove(sessionId);
            }
        }
    }

    private sealed class Entry
    {
        public PriorityQueue<Waiter, (long Order, long Arrival)> Waiting { get; } = new();

        public bool Held { get; set; }

        public int Users { get; set; }
    }

    private sealed class Waiter(TaskCompletionSource turn)
    {
        public TaskCompletionSource Turn { get; } = turn;

        public bool Abandoned { get; set; }
    }

    private sealed class Releaser(Action release) : IDisposable
    {
        private Action? release = release;

        public void Dispose() => Interlocked.Exchange(ref release, null)?.Invoke();
    }
}
