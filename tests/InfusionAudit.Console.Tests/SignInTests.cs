using Microsoft.Playwright;

namespace InfusionAudit.Console.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class SignInTests(ConsoleFixture fixture)
{
    [Theory]
    [InlineData(ConsoleFixture.OnCall, "oncall:", "On call", "Open alerts")]
    [InlineData(ConsoleFixture.Auditor, "auditor:", "Compliance report", "Sessions and findings")]
    [InlineData(ConsoleFixture.Admin, "admin:", "Compliance report", "Open alerts")]
    public async Task EachRoleSignsInWithItsKeyAndSeesItsViews(string key, string keyIdPrefix, string navLink, string firstHeading)
    {
        var page = await fixture.NewPageAsync(phone: true);

        await ConsoleFixture.SignInAsync(page, key, "abq-01");

        (await page.Locator("#who").InnerTextAsync()).ShouldStartWith(keyIdPrefix);
        (await page.GetByRole(AriaRole.Link, new() { Name = navLink }).IsVisibleAsync()).ShouldBeTrue();
        await page.GetByRole(AriaRole.Heading, new() { Name = firstHeading }).WaitForAsync();
        // The key is kept for this tab only.
        (await page.EvaluateAsync<string>("sessionStorage.getItem('infusionaudit.key')")).ShouldBe(key);
        (await page.EvaluateAsync<int>("localStorage.length")).ShouldBe(0);
    }

    [Fact]
    public async Task TheConsoleOpensFromTheRouteTheFunctionAppServesAndSignsIn()
    {
        var page = await fixture.NewPageAsync(phone: false);
        var loaded = new List<string>();
        page.Response += (_, response) => loaded.Add(response.Url);

        var response = await page.GotoAsync("/api/console/");
        (await response!.HeaderValueAsync("content-security-policy")).ShouldNotBeNull().ShouldNotContain("unsafe-inline");
        await ConsoleFixture.SignInAsync(page, ConsoleFixture.Auditor, "abq-01", at: "/api/console/");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Sessions and findings" }).WaitForAsync();

        // Every module and style came from the console route, none from the local host's "/".
        var files = loaded.Where(u => !new Uri(u).AbsolutePath.StartsWith("/api/", StringComparison.Ordinal) || new Uri(u).AbsolutePath.StartsWith("/api/console/", StringComparison.Ordinal)).ToList();
        files.ShouldContain(u => u.EndsWith("/api/console/js/main.js", StringComparison.Ordinal));
        files.ShouldContain(u => u.EndsWith("/api/console/js/audit.js", StringComparison.Ordinal));
        files.ShouldAllBe(u => new Uri(u).AbsolutePath.StartsWith("/api/console/", StringComparison.Ordinal));
        page.Url.ShouldContain("/api/console/");
        fixture.ConsoleErrors.ShouldNotContain(e => e.Contains("Content Security Policy"));
    }

    [Fact]
    public async Task AWrongKeyShowsTheProblemsOwnText()
    {
        var page = await fixture.NewPageAsync(phone: true);
        await page.GotoAsync("/");
        await page.GetByLabel("Key").FillAsync("not-a-key");
        await page.GetByLabel("Clinic").FillAsync("abq-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        var problem = page.Locator(".problem-inline");
        await problem.WaitForAsync();
        (await problem.InnerTextAsync()).ShouldContain("Missing or unknown API key");
        await ConsoleFixture.ScreenshotAsync(page, "sign-in-phone");
    }

    [Fact]
    public async Task AnApiRefusalIsShownAsTheProblemTextAndTheConsoleHasAStrictPolicy()
    {
        var page = await fixture.NewPageAsync(phone: false);
        var response = await page.GotoAsync("/");
        var policy = await response!.HeaderValueAsync("content-security-policy");
        policy.ShouldNotBeNull();
        policy.ShouldContain("script-src 'self'");
        policy.ShouldNotContain("unsafe-inline");

        // An on-call key may not read the compliance report: the 403 problem's own text is shown.
        await ConsoleFixture.SignInAsync(page, ConsoleFixture.OnCall, "abq-01");
        await page.GotoAsync("/#/report");
        var problem = page.Locator("#problem");
        await problem.Filter(new() { HasText = "role" }).WaitForAsync();
        (await problem.GetAttributeAsync("role")).ShouldBe("alert");
        fixture.ConsoleErrors.ShouldNotContain(e => e.Contains("Content Security Policy"));
    }
}
