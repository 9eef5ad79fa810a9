using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using InfusionAudit.Testing;
using Microsoft.Playwright;

namespace InfusionAudit.Console.Tests;

/// <summary>axe-core's WCAG 2 A and AA rules (contrast included) on the on-call view with an alert, phone-sized.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class AccessibilityTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task TheOnCallViewWithAnAlertHasNoWcagAViolations()
    {
        var clinic = ConsoleFixture.NewClinic();
        var script = new SessionScript(clinicId: clinic) { Start = DateTimeOffset.UtcNow.AddMinutes(-10) };
        await fixture.SendAsync([script.Started(), script.Vitals(TimeSpan.FromMinutes(3), spo2: 85)]);
        var page = await fixture.NewPageAsync(phone: true);
        await ConsoleFixture.SignInAsync(page, ConsoleFixture.OnCall, clinic);
        await page.Locator("li.alert-item .vitals-line").WaitForAsync();

        var results = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });

        results.Violations.ShouldBeEmpty(string.Join("; ", results.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))})")));
    }

    [Fact]
    public async Task TheOnCallViewIsUsableByKeyboardWithAVisibleFocus()
    {
        var clinic = ConsoleFixture.NewClinic();
        var script = new SessionScript(clinicId: clinic) { Start = DateTimeOffset.UtcNow.AddMinutes(-10) };
        await fixture.SendAsync([script.Started(), script.Vitals(TimeSpan.FromMinutes(3), spo2: 85)]);
        var page = await fixture.NewPageAsync(phone: false);
        await ConsoleFixture.SignInAsync(page, ConsoleFixture.OnCall, clinic);
        var acknowledge = page.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" });
        await acknowledge.WaitForAsync();

        for (var i = 0; i < 15 && !await acknowledge.EvaluateAsync<bool>("b => b === document.activeElement"); i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        (await acknowledge.EvaluateAsync<bool>("b => b === document.activeElement")).ShouldBeTrue("Tab reaches Acknowledge");
        (await acknowledge.EvaluateAsync<string>("b => getComputedStyle(b).outlineStyle")).ShouldBe("solid");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("li.alert-item .state").Filter(new() { HasText = "Acknowledged by" }).WaitForAsync();
    }
}
