using Spectre.Console;

namespace InfusionAudit.Simulator.Terminal;

/// <summary>A live Spectre.Console progress bar, for interactive terminals.</summary>
public sealed class SpectreProgressDisplay(IAnsiConsole console) : IProgressDisplay
{
    /// <inheritdoc />
    public Task<T> RunAsync<T>(string title, long total, Func<IProgress<long>, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(
                new TaskDescriptionColumn(),
                new ProgressBarColumn(),
                new PercentageColumn(),
                new ElapsedTimeColumn(),
                new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(title), autoStart: true, maxValue: Math.Max(1, total));
                var result = await work(new SynchronousProgress(done => task.Value = Math.Min(done, task.MaxValue)));
                task.Value = task.MaxValue;
                return result;
            });
    }
}
