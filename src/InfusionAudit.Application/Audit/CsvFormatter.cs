using System.Globalization;
using System.Text;

namespace InfusionAudit.Application.Audit;

/// <summary>
/// RFC 4180 CSV: CRLF line ends, a header row, fields quoted when they hold a comma, quote, CR or LF (quotes doubled).
/// Text cells that a spreadsheet would read as a formula (starting with = + - @, tab or CR) get a leading apostrophe,
/// so a hostile device id or evidence text cannot run in the auditor's spreadsheet (OWASP CSV injection). Numbers and
/// times are written invariantly and never start with those characters, except negative numbers, which stay numbers.
/// </summary>
public static class CsvFormatter
{
    public static string Format(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var builder = new StringBuilder();
        AppendRow(builder, headers);
        foreach (var row in rows)
        {
            AppendRow(builder, row);
        }

        return builder.ToString();
    }

    /// <summary>One cell as written, quoting and formula neutralisation applied.</summary>
    public static string Cell(object? value)
    {
        var text = value switch
        {
            null => string.Empty,
            string s => Neutralise(s),
            DateTimeOffset t => ClinicalPrecision.Time(t),
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            double d => ClinicalPrecision.Number(d),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => Neutralise(value.ToString() ?? string.Empty),
        };
        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    private static string Neutralise(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    private static void AppendRow<T>(StringBuilder builder, IReadOnlyList<T> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            builder.Append(Cell(cells[i]));
        }

        builder.Append("\r\n");
    }
}
