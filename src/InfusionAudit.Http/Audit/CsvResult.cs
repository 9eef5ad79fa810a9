using System.Text;
using InfusionAudit.Application.Audit;
using Microsoft.AspNetCore.Http;

namespace InfusionAudit.Http.Audit;

/// <summary>A CSV page; the continuation token travels in a header since the body has no place for it.</summary>
public sealed class CsvResult(string csv, string? continuationToken) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public const string MediaType = "text/csv";
    public const string ContinuationHeader = "X-Continuation-Token";

    public int? StatusCode => StatusCodes.Status200OK;

    public string ContentType => MediaType + "; charset=utf-8; header=present";

    public string Text => csv;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        if (continuationToken is not null)
        {
            response.Headers[ContinuationHeader] = continuationToken;
        }

        var bytes = Encoding.UTF8.GetBytes(csv);
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, httpContext.RequestAborted);
    }
}
