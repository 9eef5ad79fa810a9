using System.Text;
using Microsoft.AspNetCore.Http;

namespace InfusionAudit.Http.Audit;

/// <summary>
/// A self-contained HTML page. Its Content-Security-Policy forbids scripts, frames and every external load (only the
/// page's own inline style applies), so a value that slipped past the encoder could still not run or call out.
/// </summary>
public sealed class HtmlResult(string html) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public const string MediaType = "text/html";

    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public int? StatusCode => StatusCodes.Status200OK;

    public string ContentType => MediaType + "; charset=utf-8";

    public string Text => html;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.Headers["Content-Security-Policy"] = ContentSecurityPolicy;
        response.Headers["X-Content-Type-Options"] = "nosniff";
        var bytes = Encoding.UTF8.GetBytes(html);
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, httpContext.RequestAborted);
    }
}
