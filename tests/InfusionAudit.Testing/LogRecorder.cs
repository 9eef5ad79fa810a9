using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace InfusionAudit.Testing;

/// <summary>
/// A logger provider for a test host: keeps every entry the host's filters let through, and completes the task of
/// <see cref="WhenLogged"/> the first time a given log (by the logging method's name) mentions a given value, a
/// barrier a test can wait on to know that code path really ran.
/// </summary>
public sealed class LogRecorder : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> entries = new();
    private readonly ConcurrentBag<(string EventName, string Mentioning, TaskCompletionSource Logged)> signals = [];

    public IReadOnlyList<LogEntry> Entries => [.. entries];

    /// <summary>Completes when a log written by <paramref name="eventName"/> mentions <paramref name="mentioning"/> (call before the code runs).</summary>
    public Task WhenLogged(string eventName, string mentioning)
    {
        var logged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        signals.Add((eventName, mentioning, logged));
        return logged.Task;
    }

    public ILogger CreateLogger(string categoryName) => new Listener(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(LogEntry entry)
    {
        entries.Enqueue(entry);
        foreach (var (eventName, mentioning, logged) in signals)
        {
            if (entry.EventName == eventName && entry.Message.Contains(mentioning, StringComparison.Ordinal))
            {
                logged.TrySetResult();
            }
        }
    }

    private sealed class Listener(LogRecorder recorder, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            recorder.Add(new LogEntry(category, eventId.Name, logLevel, formatter(state, exception) ?? "", exception));
    }
}
