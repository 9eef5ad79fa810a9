using System.Globalization;
using System.Text;

namespace InfusionAudit.Simulator.Load;

/// <summary>
/// The soak result as a Markdown section, kept between two markers in a document so a new run replaces the old one
/// rather than piling up.
/// </summary>
public static class SoakMarkdown
{
    public const string Begin = "<!-- soak:begin (written by infusion-sim soak; a new run replaces it) -->";
    public const string End = "<!-- soak:end -->";

    public static string Section(SoakReport report, DateTimeOffset date, string label, string commandLine, string? chartPath, string? csvPath)
    {
        ArgumentNullException.ThrowIfNull(report);
        var c = CultureInfo.InvariantCulture;
        var failures = report.Failures;
        var latency = report.Counters.IngestLatency;
        var s = new StringBuilder();
        s.AppendLine(Begin);
        s.AppendLine(c, $"Last run: {date:yyyy-MM-dd HH:mm} UTC, {label}. Command: `{commandLine}`.");
        s.AppendLine();
        s.AppendLine(failures.Count == 0 ? "**Result: every target held.**" : "**Result: targets missed:** " + string.Join("; ", failures) + ".");
        s.AppendLine();
        s.AppendLine("| Figure | Value | Target |");
        s.AppendLine("| --- | ---: | --- |");
        s.AppendLine(c, $"| Offered | {report.EventsSent:N0} events in {report.MessagesSent:N0} messages over {report.SendDuration.TotalSeconds:F0} s = {report.OfferedRate:F0} events/s | {report.Options.EventsPerSecond:N0} events/s for {report.Options.Duration.TotalMinutes:0.#} min |");
        s.AppendLine(c, $"| Received by the host | {report.Counters.EventsReceived:N0} (accepted {report.Counters.EventsAccepted:N0}, duplicate {report.Counters.EventsDuplicate:N0}, rejected {report.Counters.EventsRejected:N0}) | all sent |");
        s.AppendLine(c, $"| Queue backlog | max {report.MaxBacklog:N0} messages; fitted growth while sending {Growth(report)} | flat: growth under {report.BacklogGrowthLimitMessages:F0} messages ({report.Options.MaxBacklogGrowth.TotalSeconds:F0} s of input) |");
        s.AppendLine(c, $"| Drain after the last send | {(report.Drain is { } d ? $"{d.TotalSeconds:F1} s" : "not drained")} | under {report.Options.MaxDrain.TotalSeconds:F0} s |");
        s.AppendLine(c, $"| Host working set | max {report.MaxWorkingSetMb:F0} MiB (managed heap max {report.Samples.Select(x => x.ManagedHeapMb).DefaultIfEmpty().Max():F0} MiB) | under {report.Options.MaxWorkingSetBytes / 1024 / 1024} MiB |");
        s.AppendLine(c, $"| Ingest latency, queue insertion to stored, per message | {(latency is { Count: > 0 } l ? $"p50 {l.P50Ms:F0} ms, p95 {l.P95Ms:F0} ms, **p99 {l.P99Ms:F0} ms**, max {l.MaxMs:F0} ms over {l.Count:N0} messages" : "not reported")} | reported |");
        if (report.Samples.Any(x => x.StorageCpuPercent is not null || x.HostCpuPercent is not null))
        {
            s.AppendLine(c, $"| CPU, % of one core (mean / max of the samples while sending) | host {CpuFigure(report, x => x.HostCpuPercent)}; storage emulator {CpuFigure(report, x => x.StorageCpuPercent)}, resident max {report.Samples.Select(x => x.StorageResidentMb ?? 0).DefaultIfEmpty().Max():F0} MiB | reported (says which side ran out) |");
        }

        s.AppendLine(c, $"| Storage requests per event | {(report.Counters.EventsReceived > 0 ? (double)report.Counters.StorageRequests / report.Counters.EventsReceived : 0):F3} | |");
        s.AppendLine();
        if (chartPath is not null)
        {
            s.AppendLine(c, $"![Soak: queue backlog, host working set and p99 ingest latency over time]({chartPath})");
            s.AppendLine();
        }

        if (csvPath is not null)
        {
            s.AppendLine(c, $"Every sample: [{csvPath}]({csvPath}).");
            s.AppendLine();
        }

        s.AppendLine(End);
        return s.ToString();
    }

    /// <summary>Returns <paramref name="document"/> with the section between the markers replaced, or appended when absent.</summary>
    public static string Replace(string? document, string section)
    {
        ArgumentNullException.ThrowIfNull(section);
        document ??= "";
        var begin = document.IndexOf(Begin, StringComparison.Ordinal);
        var end = begin < 0 ? -1 : document.IndexOf(End, begin, StringComparison.Ordinal);
        if (begin < 0 || end < 0)
        {
            return document.TrimEnd() + Environment.NewLine + Environment.NewLine + section;
        }

        var after = end + End.Length;
        var rest = document[after..].TrimStart('\r', '\n');
        return document[..begin] + section + (rest.Length > 0 ? Environment.NewLine + rest : "");
    }

    /// <summary>Every sample as CSV, for anyone who wants to draw it differently.</summary>
    public static string Csv(SoakReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var c = CultureInfo.InvariantCulture;
        var s = new StringBuilder("elapsed_s,events_sent,events_received,backlog_messages,working_set_mib,managed_heap_mib,p99_ms,host_cpu_percent,storage_cpu_percent,storage_resident_mib\n");
        foreach (var x in report.Samples)
        {
            s.Append(c, $"{x.Elapsed.TotalSeconds:F1},{x.EventsSent},{x.EventsReceived},{x.BacklogMessages?.ToString(c) ?? ""},{x.WorkingSetMb:F1},{x.ManagedHeapMb:F1},{(x.P99Ms is { } p ? p.ToString("F0", c) : "")},");
            s.Append(c, $"{x.HostCpuPercent?.ToString("F0", c) ?? ""},{x.StorageCpuPercent?.ToString("F0", c) ?? ""},{x.StorageResidentMb?.ToString("F0", c) ?? ""}\n");
        }

        return s.ToString();
    }

    private static string CpuFigure(SoakReport report, Func<SoakSample, double?> cpu)
    {
        var sending = report.Samples.Where(x => x.Elapsed <= report.SendDuration).Select(cpu).OfType<double>().ToList();
        return sending.Count == 0 ? "not sampled" : string.Create(CultureInfo.InvariantCulture, $"{sending.Average():F0} / {sending.Max():F0} %");
    }

    private static string Growth(SoakReport report) =>
        double.IsNaN(report.BacklogGrowthMessages) ? "too few samples" : report.BacklogGrowthMessages.ToString("F1", CultureInfo.InvariantCulture) + " messages";
}
