using InfusionAudit.Testing;
using Microsoft.Playwright;

namespace InfusionAudit.Console.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class SessionViewTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task TheSessionChartRendersWithItsMarkersTheEventsAndAReplay()
    {
        var clinic = ConsoleFixture.NewClinic();
        var script = new SessionScript(clinicId: clinic);
        // 0.5 mg/kg over 40 min for 70 kg is 52.5 mL/h at 1 mg/mL: run at double the rate, pause, resume; SpO2 dips.
        var events = new List<System.Text.Json.Nodes.JsonObject>
        {
            script.Started(), script.Vitals(TimeSpan.FromMinutes(0.5)), script.Rate(TimeSpan.FromMinutes(1), 105),
            script.Vitals(TimeSpan.FromMinutes(10), spo2: 86), script.Rate(TimeSpan.FromMinutes(20), 0),
            script.Rate(TimeSpan.FromMinutes(25), 52.5), script.Vitals(TimeSpan.FromMinutes(30), systolic: 150),
            script.Ended(TimeSpan.FromMinutes(41)),
        };
        await fixture.SendAsync(events);
        var page = await fixture.NewPageAsync(phone: false);
        await ConsoleFixture.SignInAsync(page, ConsoleFixture.Auditor, clinic);

        await page.GotoAsync($"/#/sessions/{clinic}/{script.SessionId}");

        await page.GetByRole(AriaRole.Heading, new() { Name = $"Session {script.SessionId}" }).WaitForAsync();
        (await page.Locator("figure.chart canvas").CountAsync()).ShouldBe(2);
        var markers = page.Locator("figure.chart .marker");
        (await markers.CountAsync()).ShouldBeGreaterThan(0);
        (await page.Locator("figure.chart .marker.finding").AllInnerTextsAsync()).ShouldContain(t => t.Contains("VITALS-SPO2-CRITICAL"));
        (await page.Locator("table.events tbody tr").CountAsync()).ShouldBe(events.Count);
        (await page.ContentAsync()).ShouldNotContain(script.PatientRef);
        (await page.ContentAsync()).ShouldNotContain("hmac-sha256");
        await ConsoleFixture.ScreenshotAsync(page, "session-desktop");

        await page.GetByRole(AriaRole.Button, new() { Name = "Replay" }).ClickAsync();
        await page.GetByText("Same findings as stored.").WaitForAsync();
        (await page.GetByRole(AriaRole.Heading, new() { Name = "Replayed (v1)" }).CountAsync()).ShouldBe(1);

        var phone = await fixture.NewPageAsync(phone: true);
        await ConsoleFixture.SignInAsync(phone, ConsoleFixture.Auditor, clinic);
        await phone.GotoAsync($"/#/sessions/{clinic}/{script.SessionId}");
        await phone.Locator("figure.chart canvas").First.WaitForAsync();
        await ConsoleFixture.ScreenshotAsync(phone, "session-phone");
    }
}
