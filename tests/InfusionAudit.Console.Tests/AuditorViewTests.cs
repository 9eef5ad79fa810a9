using InfusionAudit.Testing;
using Microsoft.Playwright;

namespace InfusionAudit.Console.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class AuditorViewTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task FindingsFilterBySeverityExportAsCsvAndDrillDownToTheSession()
    {
        var clinic = ConsoleFixture.NewClinic();
        var critical = new SessionScript(clinicId: clinic);
        var calm = new SessionScript(clinicId: clinic);
        await fixture.SendAsync([critical.Started(), critical.Vitals(TimeSpan.FromMinutes(5), spo2: 86), calm.Started(), calm.Vitals(TimeSpan.FromMinutes(5))]);
        var page = await fixture.NewPageAsync(phone: false);
        await ConsoleFixture.SignInAsync(page, ConsoleFixture.Auditor, clinic);

        await page.GetByRole(AriaRole.Heading, new() { Name = "Sessions and findings" }).WaitForAsync();
        await page.Locator("table tbody tr").First.WaitForAsync();
        (await page.Locator("table tbody tr").CountAsync()).ShouldBe(2);
        await page.GetByRole(AriaRole.Button, new() { Name = "Findings" }).ClickAsync();
        await page.Locator("table tbody tr").Filter(new() { HasText = "VITALS-SPO2-LOW" }).First.WaitForAsync();
        await page.GetByLabel("Severity").SelectOptionAsync("critical");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Assertions.Expect(page.Locator("table tbody tr .sev-warning")).ToHaveCountAsync(0);
        await page.Locator("table tbody tr").Filter(new() { HasText = "VITALS-SPO2-CRITICAL" }).First.WaitForAsync();
        (await page.Locator("table tbody tr .sev").AllInnerTextsAsync()).ShouldAllBe(t => t.Contains("CRITICAL"));
        await ConsoleFixture.ScreenshotAsync(page, "findings-desktop");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Export CSV" }).ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!, TestContext.Current.CancellationToken);
        csv.Split("\r\n")[0].ShouldContain("ruleId");
        csv.ShouldContain("VITALS-SPO2-CRITICAL");
        csv.ShouldNotContain("VITALS-BP-PREDOSE-MISSING");
        csv.ShouldNotContain(critical.PatientRef);

        await page.GetByRole(AriaRole.Link, new() { Name = critical.SessionId }).First.ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = $"Session {critical.SessionId}" }).WaitForAsync();
    }

    [Fact]
    public async Task TheComplianceReportShowsChartsExportsAndPrintsWithoutControls()
    {
        var clinic = ConsoleFixture.NewClinic();
        var script = new SessionScript(clinicId: clinic);
        var dip = new SessionScript(clinicId: clinic);
        await fixture.SendAsync([.. script.StandardIvSession(), dip.Started(), dip.Vitals(TimeSpan.FromMinutes(5), spo2: 86)]);
        var page = await fixture.NewPageAsync(phone: false);
        await ConsoleFixture.SignInAsync(page, ConsoleFixture.Auditor, clinic);

        await page.GotoAsync("/#/report");
        await page.Locator(".figure").Filter(new() { HasText = "Sessions" }).First.WaitForAsync();
        (await page.Locator(".figure b").First.InnerTextAsync()).ShouldBe("2");
        var spo2 = page.Locator("ul.bars li").Filter(new() { HasText = "VITALS-SPO2-CRITICAL" });
        (await spo2.InnerTextAsync()).ShouldContain("1 session(s)");
        (await spo2.Locator(".bar").BoundingBoxAsync())!.Width.ShouldBeGreaterThan(10, "a bar is drawn, its number beside it");
        // Findings per rule and ISO week: a table of bars, each with its number as text.
        var day = dip.Start.UtcDateTime;
        var (year, number) = (System.Globalization.ISOWeek.GetYear(day), System.Globalization.ISOWeek.GetWeekOfYear(day));
        var week = $"{year:D4}-W{number:D2}";
        var monday = System.Globalization.ISOWeek.ToDateTime(year, number, DayOfWeek.Monday).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var weekly = page.Locator("table.week-chart");
        (await weekly.Locator("thead th").AllInnerTextsAsync()).Select(t => t.ReplaceLineEndings(" ")).ShouldContain($"{week} from {monday}");
        var critical = weekly.Locator("tr[data-rule='VITALS-SPO2-CRITICAL']");
        (await critical.Locator($"td.week-cell[data-week='{week}'] .count").InnerTextAsync()).ShouldBe("1");
        (await critical.Locator($"td.week-cell[data-week='{week}'] .bar").BoundingBoxAsync())!.Width.ShouldBeGreaterThan(10);
        (await critical.Locator("td").Last.InnerTextAsync()).ShouldBe("1");
        await ConsoleFixture.ScreenshotAsync(page, "report-desktop");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Export CSV" }).ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!, TestContext.Current.CancellationToken);
        csv.ShouldStartWith("section,");

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        (await page.Locator("form.filters").IsVisibleAsync()).ShouldBeFalse();
        (await page.GetByRole(AriaRole.Button, new() { Name = "Print" }).IsVisibleAsync()).ShouldBeFalse();
        (await page.Locator("ul.bars").First.IsVisibleAsync()).ShouldBeTrue();
        (await page.Locator("table.week-chart").IsVisibleAsync()).ShouldBeTrue();
        await page.PdfAsync(new() { Path = Path.Combine(ConsoleFixture.ScreenshotFolder, "report.pdf") });

        var phone = await fixture.NewPageAsync(phone: true);
        await ConsoleFixture.SignInAsync(phone, ConsoleFixture.Auditor, clinic);
        await phone.GotoAsync("/#/report");
        await phone.Locator(".figure").First.WaitForAsync();
        await ConsoleFixture.ScreenshotAsync(phone, "report-phone");
    }
}
