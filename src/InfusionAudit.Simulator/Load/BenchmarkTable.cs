using System.Globalization;
using System.Text;

namespace InfusionAudit.Simulator.Load;

/// <summary>Keeps the load generator's results table in a Markdown file (docs/benchmarks.md).</summary>
public static class BenchmarkTable
{
    /// <summary>The section the rows go under.</summary>
    public const string Heading = "## Pipeline throughput (load generator)";

    /// <summary>The table's header and separator rows.</summary>
    public const string Header =
        "| date (UTC) | label | transport | batch | events | messages | events/session | sessions/message | send events/s | end-to-end events/s | storage req/event | command |\n" +
        "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|";

    // The first header cell that marks a results table, in this and in earlier layouts.
    private const string FirstColumn = "date (UTC)";

    /// <summary>One row of the table.</summary>
    public static string Row(DateTimeOffset date, string label, string transport, LoadReport report, string commandLine)
    {
        ArgumentNullException.ThrowIfNull(report);
        var c = CultureInfo.InvariantCulture;
        var endToEnd = report.EndToEnd is null ? "timeout" : report.EndToEndEventsPerSecond.ToString("F0", c);
        return string.Join(" | ",
        [
            "| " + date.UtcDateTime.ToString("yyyy-MM-dd HH:mm", c),
            Cell(label),
            transport,
            report.BatchSize.ToString(c),
            report.Events.ToString(c),
            report.Messages.ToString(c),
            report.EventsPerSession.ToString("F1", c),
            report.SessionsPerMessage.ToString("F1", c),
            report.SendEventsPerSecond.ToString("F0", c),
            endToEnd,
            report.StorageRequestsPerEvent.ToString("F2", c),
            "`" + Cell(commandLine).Replace("`", "'", StringComparison.Ordinal) + "` |",
        ]);
    }

    /// <summary>
    /// Returns <paramref name="document"/> with <paramref name="row"/> appended to the results table under <see cref="Heading"/>
    /// (the section's last table whose first column is the date), creating the heading and the table header at the end of
    /// the document when they are missing. When that table has other columns than <see cref="Header"/> (an earlier
    /// layout), a new table with the current header starts right after it, so old rows keep their own columns. Other
    /// tables of the section are left alone.
    /// </summary>
    public static string AppendRow(string? document, string row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var lines = (document ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        var heading = lines.FindIndex(l => l.TrimEnd() == Heading);
        if (heading < 0)
        {
            if (lines.Count > 0 && lines[^1].Trim().Length > 0)
            {
                lines.Add("");
            }

            lines.Add(Heading);
            lines.Add("");
            lines.AddRange(Header.Split('\n'));
            lines.Add(row);
            return Join(lines);
        }

        var sectionEnd = lines.FindIndex(heading + 1, l => l.StartsWith("## ", StringComparison.Ordinal) || l.StartsWith("# ", StringComparison.Ordinal));
        if (sectionEnd < 0)
        {
            sectionEnd = lines.Count;
        }

        var (resultsHeader, resultsEnd) = LastResultsTable(lines, heading + 1, sectionEnd);
        if (resultsHeader >= 0 && Columns(lines[resultsHeader]) == Columns(Header.Split('\n')[0]))
        {
            lines.Insert(resultsEnd + 1, row);
        }
        else if (resultsHeader >= 0)
        {
            var block = new List<string> { "" };
            block.AddRange(Header.Split('\n'));
            block.Add(row);
            lines.InsertRange(resultsEnd + 1, block);
        }
        else
        {
            // Heading without a results table yet (perhaps with prose or other tables): the table goes after the section's text.
            var insertAt = sectionEnd;
            while (insertAt > heading + 1 && lines[insertAt - 1].Trim().Length == 0)
            {
                insertAt--;
            }

            var block = new List<string> { "" };
            block.AddRange(Header.Split('\n'));
            block.Add(row);
            if (insertAt < lines.Count && lines[insertAt].Trim().Length > 0)
            {
                // Only when no blank line is left between the table and what follows.
                block.Add("");
            }

            lines.InsertRange(insertAt, block);
        }

        return Join(lines);
    }

    /// <summary>Appends a row to the file, creating it when missing.</summary>
    public static async Task AppendRowToFileAsync(string path, string row, CancellationToken cancellationToken)
    {
        var existing = File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken) : null;
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        await File.WriteAllTextAsync(path, AppendRow(existing, row), new UTF8Encoding(false), cancellationToken);
    }

    // (header line, last line) of the last table in [from, to) whose first header cell is FirstColumn; (-1, -1) if none.
    private static (int Header, int End) LastResultsTable(List<string> lines, int from, int to)
    {
        var found = (-1, -1);
        var i = from;
        while (i < to)
        {
            if (!IsTableLine(lines[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i + 1 < to && IsTableLine(lines[i + 1]))
            {
                i++;
            }

            var firstCell = lines[start].Trim().TrimStart('|').Split('|')[0].Trim();
            if (firstCell == FirstColumn)
            {
                found = (start, i);
            }

            i++;
        }

        return found;
    }

    private static bool IsTableLine(string line) => line.TrimStart().StartsWith('|');

    // Cells of a table line: its unescaped pipes, less one (the line starts and ends with one).
    private static int Columns(string line)
    {
        var pipes = 0;
        var text = line.Trim();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '|' && (i == 0 || text[i - 1] != '\\'))
            {
                pipes++;
            }
        }

        return pipes - 1;
    }

    private static string Cell(string text) =>
        text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal);

    private static string Join(List<string> lines) => string.Join("\n", lines) + "\n";
}
