namespace InfusionAudit.Simulator.Terminal;

// Progress<T> posts to the thread pool, so a late report can land after the step finished and move a bar backwards;
// reporting inline keeps the last value the last one shown.
internal sealed class SynchronousProgress(Action<long> report) : IProgress<long>
{
    private long _highest;

    public void Report(long value)
    {
        long seen;
        do
        {
            seen = Interlocked.Read(ref _highest);
            if (value <= seen)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _highest, value, seen) != seen);

        report(value);
    }
}
