using InfusionAudit.Application.Audit;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace InfusionAudit.Http.Audit;

/// <summary>Chooses the <see cref="AuditFormat"/> of a request.</summary>
public static class AuditFormats
{
    private static readonly Dictionary<string, AuditFormat> Names = new(StringComparer.Ordinal)
    {
        ["json"] = AuditFormat.Json,
        ["csv"] = AuditFormat.Csv,
    };

    private static readonly Dictionary<string, AuditFormat> NamesWithPage = new(StringComparer.Ordinal)
    {
        ["json"] = AuditFormat.Json,
        ["csv"] = AuditFormat.Csv,
        ["html"] = AuditFormat.Html,
    };

    /// <summary>JSON or CSV: <c>format</c>, else the Accept header's preference, else JSON.</summary>
    public static AuditFormat Read(HttpRequest request, AuditParameters parameters) => Read(request, parameters, Names);

    /// <summary>JSON, CSV or a printable page (<c>format=html</c>, or Accept preferring text/html).</summary>
    public static AuditFormat ReadWithPage(HttpRequest request, AuditParameters parameters) => Read(request, parameters, NamesWithPage);

    private static AuditFormat Read(HttpRequest request, AuditParameters parameters, Dictionary<string, AuditFormat> names)
    {
        if (parameters.Choice(AuditParameters.FormatName, names) is { } chosen)
        {
            return chosen;
        }

        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted))
        {
            return AuditFormat.Json;
        }

        // The most preferred of the formats offered; JSON on a tie or when nothing offered is named.
        var best = (Format: AuditFormat.Json, Quality: 0.0);
        foreach (var media in accepted)
        {
            var quality = media.Quality ?? 1.0;
            AuditFormat? format = media.MediaType.Equals(CsvResult.MediaType, StringComparison.OrdinalIgnoreCase) ? AuditFormat.Csv
                : media.MediaType.Equals(HtmlResult.MediaType, StringComparison.OrdinalIgnoreCase) ? AuditFormat.Html
                : media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) ? AuditFormat.Json
                : null;
            if (format is { } f && names.ContainsValue(f) && (quality > best.Quality || (quality == best.Quality && f == AuditFormat.Json)))
            {
                best = (f, quality);
            }
        }

        return best.Quality > 0 ? best.Format : AuditFormat.Json;
    }
}
