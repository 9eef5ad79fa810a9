using System.Net;
using InfusionAudit.Http.WebConsole;
using InfusionAudit.Testing;

namespace InfusionAudit.Http.Tests.Console;

/// <summary>
/// <c>GET /api/console/{*path}</c>, the route the Function App serves the web console with, on the real local host over
/// loopback: the files with their content types and security headers, and 404 for every name that is not a console
/// file, however it is spelled. Paths are sent as written (no client-side dot-segment removal), as an attacker would.
/// </summary>
public sealed class ConsoleRouteTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string ConsoleFolder => Path.Combine(AppContext.BaseDirectory, "console");

    [Theory]
    [InlineData("/api/console/", "index.html", "text/html")]
    [InlineData("/api/console/index.html", "index.html", "text/html")]
    [InlineData("/api/console/js/main.js", "js/main.js", "text/javascript")]
    [InlineData("/api/console/css/console.css", "css/console.css", "text/css")]
    [InlineData("/api/console/vendor/uplot/uPlot.iife.min.js", "vendor/uplot/uPlot.iife.min.js", "text/javascript")]
    public async Task AConsoleFileIsServedAsWrittenWithItsTypeAndTheConsoleHeaders(string path, string file, string mediaType)
    {
        using var response = await SendAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(mediaType);
        (await response.Content.ReadAsByteArrayAsync(Ct)).ShouldBe(await File.ReadAllBytesAsync(Path.Combine(ConsoleFolder, file), Ct));
        ShouldCarryTheConsoleHeaders(response);
    }

    [Fact]
    public async Task TheFolderWithoutItsSlashRedirectsToIt()
    {
        using var response = await SendAsync("/api/console");

        response.StatusCode.ShouldBe(HttpStatusCode.MovedPermanently);
        response.Headers.Location!.OriginalString.ShouldBe("/api/console/");
        ShouldCarryTheConsoleHeaders(response);
    }

    [Theory]
    [InlineData("/api/console/../host.json")]
    [InlineData("/api/console/..%2Fhost.json")]
    [InlineData("/api/console/%2e%2e/host.json")]
    [InlineData("/api/console/%2e%2e%2fhost.json")]
    [InlineData("/api/console/%252e%252e%252fhost.json")]
    [InlineData("/api/console/js/../../host.json")]
    [InlineData("/api/console/js/%2e%2e/%2e%2e/host.json")]
    [InlineData("/api/console/..%5chost.json")]
    [InlineData("/api/console/%5c..%5chost.json")]
    [InlineData("/api/console//etc/passwd")]
    [InlineData("/api/console/%2Fetc%2Fpasswd")]
    [InlineData("/api/console/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fhostname")]
    [InlineData("/api/console/.hidden.js")]
    [InlineData("/api/console/js/nope.js")]
    [InlineData("/api/console/vendor/uplot/LICENSE")]
    [InlineData("/api/console/js")]
    public async Task ANameThatIsNotAConsoleFileAnswers404AndNothingFromOutsideTheFolder(string path)
    {
        var hostJson = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "host.json"), Ct);

        using var response = await SendAsync(path);
        var body = await response.Content.ReadAsStringAsync(Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound, $"{path}: {body}");
        body.ShouldNotContain("\"extensions\"", customMessage: path);
        body.ShouldNotContain(hostJson, customMessage: path);
        body.ShouldNotContain("root:", customMessage: path);
    }

    [Fact]
    public async Task TheApiBesideTheConsoleStillNeedsAKey()
    {
        using var response = await SendAsync("/api/me");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private async Task<HttpResponseMessage> SendAsync(string path)
    {
        // Sent exactly as written: Uri would otherwise remove "." and ".." segments before the request leaves.
        var uri = new Uri(fixture.Host.BaseAddress.GetLeftPart(UriPartial.Authority) + path, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        return await client.SendAsync(request, Ct);
    }

    private static void ShouldCarryTheConsoleHeaders(HttpResponseMessage response)
    {
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        policy.ShouldBe(ConsoleHeaders.ContentSecurityPolicy);
        policy.ShouldContain("script-src 'self'");
        policy.ShouldNotContain("unsafe-inline");
        policy.ShouldNotContain("unsafe-eval");
        policy.ShouldContain("frame-ancestors 'none'");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        response.Headers.GetValues("Referrer-Policy").Single().ShouldBe("no-referrer");
        response.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
        response.Headers.CacheControl!.NoCache.ShouldBeTrue();
    }
}
