using Microsoft.AspNetCore.Http;

namespace InfusionAudit.Http.WebConsole;

/// <summary>
/// A console answer with the console's security headers and no-cache, whatever it is: the file, a 404 problem for a
/// name that is not a console file, or the redirect of the folder to its slash.
/// </summary>
public sealed class ConsoleResult(ConsoleFile? file, string? redirectTo) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        ConsoleHeaders.Apply(response.Headers);
        ConsoleHeaders.NoCache(response.Headers);
        if (redirectTo is not null)
        {
            response.StatusCode = StatusCodes.Status301MovedPermanently;
            response.Headers.Location = redirectTo;
            return;
        }

        if (file is null)
        {
            await Problems.NotFound("No such console file.").ExecuteAsync(httpContext);
            return;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = file.ContentType;
        response.ContentLength = new FileInfo(file.FullPath).Length;
        if (HttpMethods.IsHead(httpContext.Request.Method))
        {
            return;
        }

        await response.SendFileAsync(file.FullPath, httpContext.RequestAborted);
    }
}
