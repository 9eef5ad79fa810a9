using InfusionAudit.Testing;
using System.Net;
using System.Text.Json.Nodes;

namespace InfusionAudit.Http.Tests.Routes;

/// <summary>
/// <c>GET /api/protocols/{protocolId}/versions/{version}</c> on the real local host: the limits as the rules use them,
/// defaults applied, read against the protocol files of protocols/ (the numbers below are those files' and the
/// documented defaults of docs/rules.md).
/// </summary>
public sealed class ProtocolVersionRouteTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AWeightBasedProtocolAnswersItsLimitsAndThresholdsWithDefaultsApplied()
    {
        var body = await GetAsync(TestKeys.Auditor, "/api/protocols/ketamine-iv-depression/versions/1", HttpStatusCode.OK);

        body["protocolId"]!.GetValue<string>().ShouldBe("ketamine-iv-depression");
        body["version"]!.GetValue<int>().ShouldBe(1);
        body["title"]!.GetValue<string>().ShouldBe("Ketamine IV infusion for depression (0.5 mg/kg over 40 min)");
        body["route"]!.GetValue<string>().ShouldBe("IV");
        body["fallbackForUnknownProtocols"]!.GetValue<bool>().ShouldBeTrue();

        var dose = body["dose"]!;
        dose["basis"]!.GetValue<string>().ShouldBe("mgPerKg");
        Numbers(dose, "softMinMgPerKg", "softMaxMgPerKg", "hardMinMgPerKg", "hardMaxMgPerKg", "bolusHardMaxMgPerKg").ShouldBe([0.5, 1.0, 0.1, 2.0, 0.25]);
        dose["allowedMg"].ShouldBeNull();
        dose["hardMaxMg"].ShouldBeNull();
        Numbers(body["rate"]!, "softMaxMgPerKgPerHour", "hardMaxMgPerKgPerHour").ShouldBe([1.5, 3.0]);

        var vitals = body["vitals"]!;
        Numbers(vitals, "bpHighSystolicAtLeastMmHg", "bpHighDiastolicAtLeastMmHg", "bpCriticalSingleSystolicAtLeastMmHg", "bpCriticalSingleDiastolicAtLeastMmHg",
                "bpCriticalPairSystolicAtLeastMmHg", "bpCriticalPairWithinMin", "hrHighAboveBpm", "hrCriticalSingleAboveBpm", "hrCriticalSustainedForMin",
                "spo2LowBelowPercent", "spo2CriticalBelowPercent", "rrCriticalBelowPerMin")
            .ShouldBe([160, 100, 200, 120, 180, 10, 110, 140, 5, 94, 90, 8]);
        // Not in the file: the documented defaults (NEWS2 and clinic defaults).
        Numbers(vitals, "hrLowAtMostBpm", "hrCriticalLowAtMostBpm", "bpLowSystolicBelowMmHg", "bpLowCriticalSystolicBelowMmHg", "rrHighAtLeastPerMin", "missingAfterMin")
            .ShouldBe([50, 40, 90, 80, 25, 15]);

        var path = Path.Combine(AppContext.BaseDirectory, "protocols", "ketamine-iv-depression.v1.json");
        body["file"]!.GetValue<string>().ShouldBe(await File.ReadAllTextAsync(path, Ct));

        // Released, with the digest of the file's bytes that protocols/released.sha256 pins.
        body["released"]!.GetValue<bool>().ShouldBeTrue();
        var digest = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(path, Ct)));
        body["fileSha256"]!.GetValue<string>().ShouldBe(digest);
        (await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "protocols", "released.sha256"), Ct)).ShouldContain($"{digest}  ketamine-iv-depression.v1.json");
    }

    [Fact]
    public async Task AFixedDoseProtocolAnswersItsAllowedTotalsAndNoRateLimits()
    {
        var body = await GetAsync(TestKeys.OnCall, "/api/protocols/esketamine-in-trd/versions/1", HttpStatusCode.OK);

        body["route"]!.GetValue<string>().ShouldBe("IN");
        var dose = body["dose"]!;
        dose["basis"]!.GetValue<string>().ShouldBe("fixedMg");
        dose["allowedMg"]!.AsArray().Select(n => n!.GetValue<double>()).ShouldBe([28, 56, 84]);
        dose["hardMaxMg"]!.GetValue<double>().ShouldBe(84);
        dose["softMaxMgPerKg"].ShouldBeNull();
        body["rate"].ShouldBeNull();
    }

    [Theory]
    [InlineData("/api/protocols/ketamine-iv-depression/versions/99")]
    [InlineData("/api/protocols/no-such-protocol/versions/1")]
    public async Task AnUnknownProtocolVersionIsA404Problem(string path)
    {
        var body = await GetAsync(TestKeys.Auditor, path, HttpStatusCode.NotFound);

        body["title"]!.GetValue<string>().ShouldBe("Not found");
        body["detail"]!.GetValue<string>().ShouldContain("GET /api/health lists the loaded versions");
    }

    [Theory]
    [InlineData("/api/protocols/ketamine-iv-depression/versions/one", "version")]
    [InlineData("/api/protocols/ketamine-iv-depression/versions/0", "version")]
    [InlineData("/api/protocols/ketamine-iv-depression/versions/-1", "version")]
    [InlineData("/api/protocols/bad'id/versions/1", "protocolId")]
    public async Task AMalformedIdOrVersionIsA400NamingIt(string path, string parameter)
    {
        var body = await GetAsync(TestKeys.Auditor, path, HttpStatusCode.BadRequest);

        body["parameter"]!.GetValue<string>().ShouldBe(parameter);
    }

    [Fact]
    public async Task AProducerMayNotReadIt() =>
        await GetAsync(TestKeys.Producer, "/api/protocols/ketamine-iv-depression/versions/1", HttpStatusCode.Forbidden);

    private async Task<JsonNode> GetAsync(string key, string path, HttpStatusCode expected)
    {
        using var response = await fixture.Host.Client(key).GetAsync(path, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(expected, text);
        return JsonNode.Parse(text)!;
    }

    private static double[] Numbers(JsonNode node, params string[] names) => [.. names.Select(n => node[n].ShouldNotBeNull(n).GetValue<double>())];
}
