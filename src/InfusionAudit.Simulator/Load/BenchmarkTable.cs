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
        "| date (UTC) | label | transport | batch | events | messages | send events/s | end-to-end events/s | storage req/event | command |\n" +
        "|---|---|---|---:|---:|---:|---:|---:|---:|---|";

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
            report.SendEventsPerSecond.ToString("F0", c),
            endToEnd,
            report.StorageRequestsPerEvent.ToString("F2", c),
            "`" + Cell(commandLine).Replace("`", "'", StringComparison.Ordinal) + "` |",
        ]);
    }

    /// <summary>
    /// Returns <paramref name="document"/> with <paramref name="row"/> appended to the table under <see cref="Heading"/>,
    /// creating the heading and the table header at the end of the document when they are missing.
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

        var lastTableLine = -1;
        for (var i = heading + 1; i < sectionEnd; i++)
        {
            if (lines[i].TrimStart().StartsWith('|'))
            {
                lastTableLine = i;
            }
        }

        if (lastTableLine >= 0)
        {
            lines.Insert(lastTableLine + 1, row);
        }
        else
        {
            // Heading without a table yet (perhaps with prose): the table goes after the section's text.
            var insertAt = sectionEnd;
            while (insertAt > heading + 1 && lines[insertAt - 1].Trim().Length == 0)
            {
                insertAt--;
            }

            var block = new List<string> { "" };
            block.AddRange(Header.Split('\n'));
            block.Add(row);
            if (insertAt < lines.Count)
            {
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

    private static string Cell(string text) =>
        text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal);

    private static string Join(List<string> lines) => string.Join("\n", lines) + "\n";
}
