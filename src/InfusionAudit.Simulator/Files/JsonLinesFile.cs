using System.Text;
using InfusionAudit.Simulator.Contract;

namespace InfusionAudit.Simulator.Files;

/// <summary>JSON Lines files of device events: one event object per line, in forwarding order.</summary>
public static class JsonLinesFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes the events' exact text, one per line (LF), and returns how many were written.</summary>
    public static async Task<int> WriteAsync(string path, IEnumerable<WireEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        await using var writer = new StreamWriter(path, append: false, Utf8NoBom);
        return await WriteAsync(writer, events, cancellationToken);
    }

    /// <summary>Writes the events to <paramref name="writer"/>, one per line (LF).</summary>
    public static async Task<int> WriteAsync(TextWriter writer, IEnumerable<WireEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(events);
        var count = 0;
        foreach (var e in events)
        {
            if (e.Json.Contains('\n', StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Event {count} spans several lines; JSON Lines needs compact JSON.");
            }

            await writer.WriteAsync(e.Json.AsMemory(), cancellationToken);
            await writer.WriteAsync('\n');
            count++;
        }

        await writer.FlushAsync(cancellationToken);
        return count;
    }

    /// <summary>
    /// Reads events back. Blank lines are skipped; a line that is not JSON is kept as-is (<see cref="WireEventKind.NotJson"/>)
    /// because replaying it is the point: the backend must reject and record it.
    /// </summary>
    public static async IAsyncEnumerable<WireEvent> ReadAsync(
        TextReader reader,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            // A trailing CR (a file edited on Windows) is not part of the event.
            var text = line.TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            yield return WireEvent.FromText(text);
        }
    }

    /// <summary>Reads all events of a file.</summary>
    public static async Task<List<WireEvent>> ReadAllAsync(string path, CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(path, Utf8NoBom, detectEncodingFromByteOrderMarks: true);
        var events = new List<WireEvent>();
        await foreach (var e in ReadAsync(reader, cancellationToken))
        {
            events.Add(e);
        }

        return events;
    }
}
