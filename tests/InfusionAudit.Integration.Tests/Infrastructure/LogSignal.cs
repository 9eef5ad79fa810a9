using Microsoft.Extensions.Logging;

namespace InfusionAudit.Integration.Tests.Infrastructure;

/// <summary>
/// A logger provider that completes <see cref="Logged"/> the first time a host writes a given log (by the logging
/// method's name) that mentions a given value: a barrier a test can wait on to know that code path really ran.
/// </summary>
public sealed class LogSignal(string eventName, string mentioning) : ILoggerProvider
{
    public TaskCompletionSource Logged { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private string EventName { get; } = eventName;

    private string Mentioning { get; } = mentioning;

    public ILogger CreateLogger(string categoryName) => new Listener(this);

    public void Dispose()
    {
    }

    private sealed class Listener(LogSignal signal) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Name == signal.EventName && formatter(state, exception).Contains(signal.Mentioning, StringComparison.Ordinal))
            {
                signal.Logged.TrySetResult();
            }
        }
    }
}
