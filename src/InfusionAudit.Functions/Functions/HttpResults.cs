using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace InfusionAudit.Functions.Functions;

/// <summary>Runs a shared handler's <see cref="IResult"/> on the request, so both hosts answer byte for byte the same.</summary>
internal static class HttpResults
{
    public static async Task<IActionResult> WriteAsync(this IResult result, HttpRequest request)
    {
        await result.ExecuteAsync(request.HttpContext);
        return new EmptyResult();
    }
}
