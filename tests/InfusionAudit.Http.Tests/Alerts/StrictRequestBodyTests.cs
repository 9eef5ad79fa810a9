using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using InfusionAudit.Testing;

namespace InfusionAudit.Http.Tests.Alerts;

/// <summary>
/// Request bodies are read as strictly as query parameters (issue 14 item 5): a misspelt field (<c>reson</c>) would
/// otherwise be dropped and the action taken without it, so it is a 400 whose problem names the field.
/// </summary>
public sealed class StrictRequestBodyTests(AuditFixture fixture) : IClassFixture<AuditFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("acknowledge")]
    [InlineData("resolve")]
    public async Task AnUnknownFieldInAnAlertActionIsRefusedByName(string action)
    {
        using var response = await fixture.Host.Client(TestKeys.OnCall).PostAsync(
            $"/api/alerts/no-such-alert/{action}", Json("""{"by":"Dr A","reson":"false alarm"}"""), Ct);

        await ShouldNameAsync(response, "reson");
    }

    [Fact]
    public async Task AnUnknownFieldInASilenceIsRefusedByNameAndNothingIsCreated()
    {
        var clinic = AuditFixture.NewClinic();
        using var response = await fixture.Host.Client(TestKeys.Admin).PostAsync(
            "/api/silences",
            Json($$"""{"clinicId":"{{clinic}}","endsAt":"2099-01-01T00:00:00Z","reson":"maintenance"}"""),
            Ct);

        await ShouldNameAsync(response, "reson");
        var listed = JsonNode.Parse(await fixture.Host.Client(TestKeys.Auditor).GetStringAsync($"/api/silences?clinicId={clinic}", Ct))!;
        listed["items"]!.AsArray().ShouldBeEmpty();
    }

    private static async Task ShouldNameAsync(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = JsonNode.Parse(body)!;
        problem["parameter"]!.GetValue<string>().ShouldBe("body." + field);
        problem["detail"]!.GetValue<string>().ShouldContain($"'{field}'");
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");
}
