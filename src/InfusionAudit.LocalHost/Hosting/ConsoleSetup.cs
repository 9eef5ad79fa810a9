using InfusionAudit.Http.WebConsole;
using Microsoft.Extensions.FileProviders;

namespace InfusionAudit.LocalHost.Hosting;

/// <summary>
/// Serves the web console (src/InfusionAudit.Console/wwwroot, copied to the app folder's <c>console/</c>) at <c>/</c>,
/// beside the API. Its pages carry a content security policy without 'unsafe-inline': scripts and styles come only from
/// this origin's files, and the API is the only place they talk to (<see cref="ConsoleHeaders"/>). The same files are served
/// at <c>/api/console/</c> by the route both hosts share (<c>RouteTable.Console</c>), which is how the Function App serves them.
/// </summary>
public static class ConsoleSetup
{
    public static WebApplication UseInfusionAuditConsole(this WebApplication app)
    {
        var root = ConsoleFiles.DefaultRoot;
        if (!Directory.Exists(root))
        {
            return app;
        }

        var files = new PhysicalFileProvider(root);
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            {
                ConsoleHeaders.Apply(context.Response.Headers);
            }

            await next(context);
        });
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = ctx => ConsoleHeaders.NoCache(ctx.Context.Response.Headers),
        });
        return app;
    }
}
