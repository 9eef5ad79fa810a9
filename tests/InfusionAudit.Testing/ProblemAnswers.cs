using System.Net;
using System.Text.Json.Nodes;

namespace InfusionAudit.Testing;

/// <summary>Checks on RFC 9457 answers.</summary>
public static class ProblemAnswers
{
    public static async Task ShouldNameAsync(HttpResponseMessage response, string parameter)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        JsonNode.Parse(body)!["parameter"]!.GetValue<string>().ShouldBe(parameter, body);
    }
}
