using Microsoft.AspNetCore.Http;

namespace InfusionAudit.Http.WebConsole;

/// <summary>
/// <c>GET /api/console/{*path}</c>, anonymous like health: the web console's static files, the same on both hosts, so
/// the Function App in Azure serves the console on the API's own origin and App Service authentication (issue 15,
/// docs/architecture.md, Web console). The files are public; every API call they make still needs a key or a sign-in.
/// </summary>
public sealed class ConsoleEndpoint(ConsoleFiles files)
{
    public IResult Get(HttpRequest request, string path)
    {
        // Relative module and style links only resolve under /api/console/: the folder without its slash is sent there.
        if (string.IsNullOrEmpty(path) && !request.Path.Value!.EndsWith('/'))
        {
            return new ConsoleResult(null, request.PathBase + request.Path + "/");
        }

        return new ConsoleResult(files.Find(path), null);
    }
}
