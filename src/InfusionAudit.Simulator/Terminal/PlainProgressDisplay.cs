using System.Globalization;

namespace InfusionAudit.Simulator.Terminal;

/// <summary>Progress as plain lines (start, every few seconds, end), for redirected output and CI logs.</summary>
/// <param name="output">Where lines go.</param>
/// <param name="time">Clock for the interval and the elapsed time.</param>
/// <param name="interval">Time between lines while the step runs.</param>
public sealed class PlainProgressDisplay(TextWriter output, TimeProvider time, TimeSpan interval) : IProgressDisplay
{
    /// <inheritdoc />
    public async Task<T> RunAsync<T>(string title, long total, Func<IProgress<long>, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        long done = 0;
        var started = time.GetTimestamp();
        var progress = new SynchronousProgress(value => Interlocked.Exchange(ref done, value));
        await WriteAsync($"{title}: started ({total.ToString(CultureInfo.InvariantCulture)})");

        using var stop = new CancellationTokenSource();
        var ticker = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(interval, time);
            while (await timer.WaitForNextTickAsync(stop.Token).ConfigureAwait(false))
            {
                await WriteAsync(Line(title, Interlocked.Read(ref done), total, time.GetElapsedTime(started)));
            }
        });

        try
        {
            return await work(progress);
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await ticker;
            }
            catch (OperationCanceledException)
            {
                // The ticker ends by cancellation.
            }

            await WriteAsync(Line(title, Interlocked.Read(ref done), total, time.GetElapsedTime(started)) + " done");
        }
    }

    private static string Line(string title, long done, long total, TimeSpan elapsed)
    {
        var percent = total > 0 ? 100.0 * done / total : 100;
        return string.Create(CultureInfo.InvariantCulture, $"{title}: {done}/{total} ({percent:F0} %) after {elapsed.TotalSeconds:F1} s");
    }

    private async Task WriteAsync(string line)
    {
        // Lines from the ticker and the caller must not interleave mid-line.
        lock (output)
        {
            output.WriteLine(line);
        }

        await output.FlushAsync();
    }
}
