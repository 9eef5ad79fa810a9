using Microsoft.AspNetCore.Http;

namespace InfusionAudit.Http.WebConsole;

/// <summary>
/// The security headers of every web console file, on both hosts and both paths (<c>/</c> on the local host,
/// <c>/api/console/</c> everywhere): scripts and styles only from this origin's files (no 'unsafe-inline', no
/// 'unsafe-eval'), the API the only thing they talk to, never framed, no referrer, no content sniffing.
/// </summary>
public static class ConsoleHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static void Apply(IHeaderDictionary headers)
    {
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
    }

    /// <summary>The console is small and changes with the host: revalidate each load instead of caching stale modules.</summary>
    public static void NoCache(IHeaderDictionary headers) => headers.CacheControl = "no-cache";
}
