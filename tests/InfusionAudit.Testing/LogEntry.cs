using Microsoft.Extensions.Logging;

namespace InfusionAudit.Testing;

/// <summary>One log entry a <see cref="LogRecorder"/> kept.</summary>
public sealed record LogEntry(string Category, string? EventName, LogLevel Level, string Message, Exception? Exception);
