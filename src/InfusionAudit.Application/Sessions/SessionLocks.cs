namespace InfusionAudit.Application.Sessions;

/// <summary>
/// One async lock per session id within this host. Messages handled in parallel often carry events of the same
/// session (a gateway's consecutive uploads); taking turns here costs one cached read, where racing costs a failed
/// transaction, a fresh read and another commit. Across hosts the state ETag still decides.
/// </summary>
internal sealed class SessionLocks
{
    private readonly Dictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public async Task<IDisposable> AcquireAsync(string sessionId, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (gate)
        {
            if (!entries.TryGetValue(sessionId, out entry!))
            {
                entries[sessionId] = entry = new Entry();
            }

            entry.Users++;
        }

        try
        {
            await entry.Semaphore.WaitAsync(cancellationToken);
        }
        catch
        {
            Release(sessionId, entry, held: false);
            throw;
        }

        return new Releaser(() => Release(sessionId, entry, held: true));
    }

    private void Release(string sessionId, Entry entry, bool held)
    {
        if (held)
        {
            entry.Semaphore.Release();
        }

        lock (gate)
        {
            if (--entry.Users == 0)
            {
                entries.Remove(sessionId);
                entry.Semaphore.Dispose();
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Releaser(Action release) : IDisposable
    {
        private Action? release = release;

        public void Dispose() => Interlocked.Exchange(ref release, null)?.Invoke();
    }
}
