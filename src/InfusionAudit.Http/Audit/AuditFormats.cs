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

    public static AuditFormat Read(HttpRequest request, AuditParameters parameters)
    {
        if (parameters.Choice(AuditParameters.FormatName, Names) is { } chosen)
        {
            return chosen;
        }

        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted))
        {
            return AuditFormat.Json;
        }

        double csv = 0, json = 0;
        foreach (var media in accepted)
        {
            var quality = media.Quality ?? 1.0;
            if (media.MediaType.Equals(CsvResult.MediaType, StringComparison.OrdinalIgnoreCase))
            {
                csv = Math.Max(csv, quality);
            }
            else if (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
            {
                json = Math.Max(json, quality);
            }
        }

        return csv > 0 && csv > json ? AuditFormat.Csv : AuditFormat.Json;
    }
}
