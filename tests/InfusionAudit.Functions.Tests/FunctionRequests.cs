using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace InfusionAudit.Functions.Tests;

/// <summary>An in-memory HTTP request for a function, as the Functions ASP.NET Core integration would hand it over, and its answer.</summary>
public static class FunctionRequests
{
    /// <param name="body">JSON body, or null for none (then Content-Length is 0, as for a client that sends no body).</param>
    /// <param name="key">The x-functions-key header, or null for an anonymous request.</param>
    public static DefaultHttpContext Create(ServiceProvider services, string method, string? body, string? key, string query = "")
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = method;
        context.Request.QueryString = new QueryString(query);
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body ?? string.Empty));
        context.Request.ContentType = "application/json";
        if (body is null)
        {
            context.Request.ContentLength = 0;
        }

        if (key is not null)
        {
            context.Request.Headers["x-functions-key"] = key;
        }

        context.Response.Body = new MemoryStream();
        return context;
    }

    public static string ResponseText(DefaultHttpContext context)
    {
        context.Response.Body.Position = 0;
        return new StreamReader(context.Response.Body).ReadToEnd();
    }
}
