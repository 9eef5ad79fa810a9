using System.Globalization;
using System.Text;
using InfusionAudit.Application;

namespace InfusionAudit.Http;

/// <summary>
/// What the printable pages (the REMS form, the compliance report) share: plain HTML with one inline style sheet, no
/// script and nothing loaded from elsewhere (<see cref="Audit.HtmlResult"/> sends a policy that forbids both). Every
/// value from the record goes through <see cref="E"/>; numbers and times are shown as in the JSON answers.
/// </summary>
internal static class PrintablePage
{
    private const string Style =
        "body{font-family:sans-serif;font-size:11pt;margin:2em;color:#000;background:#fff}" +
        "h1{font-size:15pt}h2{font-size:12pt;margin-top:1.5em;border-bottom:1px solid #000}" +
        "table{border-collapse:collapse;width:100%}th,td{border:1px solid #555;padding:3px 6px;text-align:left;vertical-align:top}" +
        "td.n{text-align:right}th{background:#eee}.missing{font-style:italic}" +
        "@media print{body{margin:0}h2{break-after:avoid}tr{break-inside:avoid}}";

    /// <summary>Opens the document: its title (escaped here) and the style sheet.</summary>
    public static StringBuilder Begin(string title) =>
        new StringBuilder(8192).Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title))
            .Append("</title><style>").Append(Style).Append("</style></head><body>\n");

    public static string End(StringBuilder html) => html.Append("</body></html>\n").ToString();

    /// <summary>A two-column table of labels (escaped here) and values (already HTML).</summary>
    public static void Table(StringBuilder html, string? caption, IEnumerable<(string Label, string Value)> rows)
    {
        html.Append("<table>");
        if (caption is not null)
        {
            html.Append("<caption>").Append(E(caption)).Append("</caption>");
        }

        foreach (var (label, value) in rows)
        {
            html.Append("<tr><th>").Append(E(label)).Append("</th><td>").Append(value).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    /// <summary>A table with a header row (escaped here) and rows of cells that are already HTML; numbers align right.</summary>
    public static void Grid(StringBuilder html, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        html.Append("<table><tr>");
        foreach (var header in headers)
        {
            html.Append("<th>").Append(E(header)).Append("</th>");
        }

        html.Append("</tr>\n");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                html.Append(cell.Length > 0 && (char.IsDigit(cell[0]) || cell[0] == '-') ? "<td class=\"n\">" : "<td>").Append(cell).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</table>\n");
    }

    public static string Time(DateTimeOffset at) => E(ClinicalPrecision.Time(at));

    /// <summary>A value named with its unit (<c>deliveredMgPerKg</c>), rounded as in the JSON answers.</summary>
    public static string Number(string name, double value) => E(ClinicalPrecision.Round(name, value).ToString("R", CultureInfo.InvariantCulture));

    public static string Number(string name, double? value) => value is { } v ? Number(name, v) : "";

    public static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Text as HTML text: &amp;, &lt;, &gt; and both quotes escaped (<see cref="System.Net.WebUtility.HtmlEncode(string)"/>).</summary>
    public static string E(string text) => System.Net.WebUtility.HtmlEncode(text);
}
