using System.Globalization;
using System.Net;
using System.Text;

namespace InfusionAudit.Simulator.Load;

/// <summary>
/// Draws a soak run as a small self-contained SVG (no script, no fonts to fetch): the queue backlog, the host's working
/// set against its limit, the p99 ingest latency and, when sampled, the CPU of the host and of the storage emulator,
/// each over time on a shared axis.
/// </summary>
public static class SoakChart
{
    private const int Width = 760;
    private const int PanelHeight = 150;
    private const int Left = 70;
    private const int Right = 20;
    private const int Top = 40;
    private const int Gap = 45;

    public static string Svg(SoakReport report, string title)
    {
        ArgumentNullException.ThrowIfNull(report);
        var samples = report.Samples;
        var end = Math.Max(samples.Count > 0 ? samples[^1].Elapsed.TotalMinutes : 1, 1e-3);
        var cpu = samples.Any(s => s.HostCpuPercent is not null || s.StorageCpuPercent is not null);
        var panels = cpu ? 4 : 3;
        var height = Top + (panels * PanelHeight) + (panels * Gap);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{height}" viewBox="0 0 {Width} {height}" font-family="sans-serif" font-size="11">""").AppendLine();
        svg.Append(CultureInfo.InvariantCulture, $"""<rect width="{Width}" height="{height}" fill="white"/>""").AppendLine();
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left}" y="20" font-size="14" font-weight="bold">{WebUtility.HtmlEncode(title)}</text>""").AppendLine();

        var sendEnd = report.SendDuration.TotalMinutes;
        Panel(svg, 0, "queue backlog (messages)", end, sendEnd, [Line(samples, s => s.BacklogMessages, "#1f77b4")], limit: null);
        Panel(svg, 1, "host working set (MiB)", end, sendEnd, [Line(samples, s => s.WorkingSetMb, "#2ca02c")], limit: report.Options.MaxWorkingSetBytes / 1024d / 1024d);
        Panel(svg, 2, "p99 ingest latency per sample (ms)", end, sendEnd, [Line(samples, s => s.P99Ms, "#d62728")], limit: null);
        if (cpu)
        {
            Panel(svg, 3, "CPU, % of one core: host (purple), storage emulator (orange)", end, sendEnd,
                [Line(samples, s => s.HostCpuPercent, "#9467bd"), Line(samples, s => s.StorageCpuPercent, "#ff7f0e")], limit: null);
        }

        var axisY = Top + (panels * PanelHeight) + ((panels - 1) * Gap) + 30;
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left + ((Width - Left - Right) / 2)}" y="{axisY}" text-anchor="middle">minutes since the first send (dashed: last send)</text>""").AppendLine();
        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    private static (List<(double X, double Y)> Points, string Colour) Line(IReadOnlyList<SoakSample> samples, Func<SoakSample, double?> value, string colour) =>
        (samples.Where(s => value(s) is not null).Select(s => (s.Elapsed.TotalMinutes, value(s)!.Value)).ToList(), colour);

    private static void Panel(StringBuilder svg, int index, string label, double endMinutes, double sendEndMinutes, List<(List<(double X, double Y)> Points, string Colour)> lines, double? limit)
    {
        var top = Top + (index * (PanelHeight + Gap));
        var plotWidth = Width - Left - Right;
        var max = Math.Max(lines.SelectMany(l => l.Points).Select(p => p.Y).DefaultIfEmpty(0).Max(), limit ?? 0);
        var yMax = NiceCeiling(max > 0 ? max * 1.1 : 1);
        double Px(double x) => Left + (x / endMinutes * plotWidth);
        double Py(double y) => top + PanelHeight - (y / yMax * PanelHeight);

        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left}" y="{top - 8}" font-weight="bold">{WebUtility.HtmlEncode(label)}</text>""").AppendLine();
        svg.Append(CultureInfo.InvariantCulture, $"""<rect x="{Left}" y="{top}" width="{plotWidth}" height="{PanelHeight}" fill="none" stroke="#999"/>""").AppendLine();
        for (var i = 0; i <= 4; i++)
        {
            var y = yMax * i / 4;
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Left}" x2="{Left + plotWidth}" y1="{Py(y):F1}" y2="{Py(y):F1}" stroke="#eee"/><text x="{Left - 6}" y="{Py(y) + 4:F1}" text-anchor="end">{y:0.##}</text>""").AppendLine();
        }

        var step = NiceCeiling(endMinutes / 10);
        for (var x = 0d; x <= endMinutes + 1e-9; x += step)
        {
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Px(x):F1}" y="{top + PanelHeight + 14}" text-anchor="middle">{x:0.##}</text>""").AppendLine();
        }

        svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Px(sendEndMinutes):F1}" x2="{Px(sendEndMinutes):F1}" y1="{top}" y2="{top + PanelHeight}" stroke="#666" stroke-dasharray="4 3"/>""").AppendLine();
        if (limit is { } l)
        {
            svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Left}" x2="{Left + plotWidth}" y1="{Py(l):F1}" y2="{Py(l):F1}" stroke="#d62728" stroke-dasharray="6 3"/><text x="{Left + plotWidth - 4}" y="{Py(l) - 4:F1}" text-anchor="end" fill="#d62728">limit {l:0.##}</text>""").AppendLine();
        }

        foreach (var (points, colour) in lines.Where(l => l.Points.Count > 0))
        {
            var path = string.Join(' ', points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{Px(p.X):F1},{Py(p.Y):F1}")));
            svg.Append(CultureInfo.InvariantCulture, $"""<polyline fill="none" stroke="{colour}" stroke-width="1.5" points="{path}"/>""").AppendLine();
        }

        if (lines.All(l => l.Points.Count == 0))
        {
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left + (plotWidth / 2)}" y="{top + (PanelHeight / 2)}" text-anchor="middle" fill="#999">no samples</text>""").AppendLine();
        }
    }

    /// <summary>1, 2 or 5 times a power of ten, at or above <paramref name="value"/>.</summary>
    private static double NiceCeiling(double value)
    {
        if (value <= 0 || double.IsNaN(value))
        {
            return 1;
        }

        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var m in new[] { 1d, 2d, 5d, 10d })
        {
            if (m * power >= value)
            {
                return m * power;
            }
        }

        return 10 * power;
    }
}
