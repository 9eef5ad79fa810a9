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
        // Dose and rate, blood pressure, heart rate and SpO2 have readings; the respiratory rate has none.
        (await page.Locator("figure.chart canvas").CountAsync()).ShouldBe(4);
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

    [Fact]
    public async Task TheChartsDrawTheJudgedVersionsLimitsAsLabelledLines()
    {
        var clinic = ConsoleFixture.NewClinic();
        var script = new SessionScript(clinicId: clinic);
        // 70 kg on ketamine-iv-depression v1: hard max 2.0 mg/kg = 140 mg, rate soft max 1.5 mg/kg/h = 105 mg/h.
        await fixture.SendAsync([
            script.Started(), script.Vitals(TimeSpan.FromMinutes(0.5)), script.Rate(TimeSpan.FromMinutes(1), 52.5),
            script.Vitals(TimeSpan.FromMinutes(10), spo2: 92, heartRate: 115), script.Vitals(TimeSpan.FromMinutes(20), systolic: 165),
            script.Rate(TimeSpan.FromMinutes(41), 0), script.Ended(TimeSpan.FromMinutes(42)),
        ]);
        var page = await fixture.NewPageAsync(phone: false);
        await ConsoleFixture.SignInAsync(page, ConsoleFixture.OnCall, clinic, at: "/api/console/");

        await page.GotoAsync($"/api/console/#/sessions/{clinic}/{script.SessionId}");

        var lines = page.Locator("figure.chart .limit");
        await lines.First.WaitForAsync();
        var drawn = await lines.AllInnerTextsAsync();
        drawn.ShouldBe(
        [
            "Hard max 2 mg/kg = 140 mg", "Soft max 1 mg/kg = 70 mg", "Rate hard max 3 mg/kg/h = 210 mg/h", "Rate soft max 1.5 mg/kg/h = 105 mg/h",
            "Systolic critical ≥ 200", "Systolic high ≥ 160", "Diastolic critical ≥ 120", "Diastolic high ≥ 100", "Systolic low < 90",
            "HR critical > 140", "HR high > 110", "HR low ≤ 50", "HR critical low ≤ 40",
            "SpO2 low < 94", "SpO2 critical < 90",
        ]);
        // No two labels of one chart cover each other.
        foreach (var figure in await page.Locator("figure.chart").AllAsync())
        {
            var boxes = new List<LocatorBoundingBoxResult>();
            foreach (var label in await figure.Locator(".limit span").AllAsync())
            {
                boxes.Add((await label.BoundingBoxAsync())!);
            }

            for (var i = 0; i < boxes.Count; i++)
            {
                for (var j = i + 1; j < boxes.Count; j++)
                {
                    var (a, b) = (boxes[i], boxes[j]);
                    var overlap = a.X < b.X + b.Width && b.X < a.X + a.Width && a.Y < b.Y + b.Height && b.Y < a.Y + a.Height;
                    overlap.ShouldBeFalse($"labels {i} and {j} of {await figure.GetAttributeAsync("aria-label")} overlap");
                }
            }
        }

        // The same limits as text under each chart, with their shape; the respiratory rate's too, though it has no readings.
        var listed = await page.Locator("figure.chart ul.limits li").AllInnerTextsAsync();
        listed.ShouldContain("◆ SpO2 low < 94");
        listed.ShouldContain("▲ SpO2 critical < 90");
        listed.ShouldContain("◆ RR high ≥ 25");
        listed.ShouldContain("▲ RR critical < 8");
        (await page.Locator("figure.chart", new() { HasText = "Respiratory rate" }).InnerTextAsync()).ShouldContain("No respiratory rate was recorded.");
        (await page.Locator("figure.chart ul.limits").First.GetAttributeAsync("aria-label")).ShouldNotBeNull().ShouldContain("limits of ketamine-iv-depression v1");
        fixture.ConsoleErrors.ShouldNotContain(e => e.Contains("Content Security Policy"));
        await ConsoleFixture.ScreenshotAsync(page, "session-limits-desktop");
    }
}
