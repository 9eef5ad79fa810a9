using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using InfusionAudit.Testing;
using Microsoft.Playwright;

namespace InfusionAudit.Console.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class OnCallViewTests(ConsoleFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ACriticalAlertAppearsByItselfAndOneTapAcknowledgesItOnAPhone()
    {
        var clinic = ConsoleFixture.NewClinic();
        var script = new SessionScript(clinicId: clinic) { Start = DateTimeOffset.UtcNow.AddMinutes(-10) };
        var page = await fixture.NewPageAsync(phone: true);
        await ConsoleFixture.SignInAsync(page, ConsoleFixture.OnCall, clinic);
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "0 unresolved" }).WaitForAsync();

        await fixture.SendAsync([script.Started(), script.Rate(TimeSpan.FromMinutes(1), 52.5), script.Vitals(TimeSpan.FromMinutes(2)), script.Vitals(TimeSpan.FromMinutes(6), spo2: 86)]);
        var sent = Stopwatch.StartNew();
        var card = page.Locator("li.alert-item").Filter(new() { HasText = "VITALS-SPO2-CRITICAL" });
        // Measured and written, not asserted: the view polls every second, so on a quiet machine the alert shows within
        // 2 s (docs/benchmarks.md); a timed assertion would fail on a busy CI machine without saying anything about the
        // console (speed is checked by benchmark, non-negotiable 5). Not appearing at all within 30 s fails.
        await ConsoleFixture.WaitShownAsync(page, card);
        TestContext.Current.SendDiagnosticMessage($"critical alert shown {sent.Elapsed.TotalMilliseconds:F0} ms after its events were sent");
        (await card.Locator(".sev").InnerTextAsync()).ShouldContain("CRITICAL");
        (await card.Locator(".sev").InnerTextAsync()).ShouldContain("▲");
        await card.Locator(".vitals").Filter(new() { HasText = "SpO2 86 %" }).WaitForAsync();
        (await card.Locator(".vitals").InnerTextAsync()).ShouldContain("mg delivered of 35 mg prescribed");
        (await card.Locator(".deadline").InnerTextAsync()).ShouldStartWith("Escalates at");
        await ConsoleFixture.ScreenshotAsync(page, "oncall-phone");

        await card.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).TapAsync();

        await ConsoleFixture.WaitShownAsync(page, card.Locator(".state").Filter(new() { HasText = "Acknowledged by oncall:" }));
        var alertId = await card.GetAttributeAsync("data-alert-id");
        var alert = await AlertAsync(alertId!);
        alert["state"]!.GetValue<string>().ShouldBe("acknowledged");
        alert["acknowledgedBy"]!["name"]!.GetValue<string>().ShouldStartWith("oncall:");
        (await page.ContentAsync()).ShouldNotContain(script.PatientRef);
    }

    [Fact]
    public async Task AnAnswerOvertakenByTheAcknowledgementNeverShowsTheAlertOpenAgain()
    {
        var clinic = ConsoleFixture.NewClinic();
        var script = new SessionScript(clinicId: clinic) { Start = DateTimeOffset.UtcNow.AddMinutes(-10) };
        await fixture.SendAsync([script.Started(), script.Vitals(TimeSpan.FromMinutes(3), spo2: 85)]);
        var page = await fixture.NewPageAsync(phone: false);
        await ConsoleFixture.SignInAsync(page, ConsoleFixture.OnCall, clinic);
        var card = page.Locator("li.alert-item").Filter(new() { HasText = "VITALS-SPO2-CRITICAL" });
        await card.WaitForAsync();
        await page.EvaluateAsync("""
            () => {
              window.shownStates = [];
              const list = document.querySelector("ol.alerts");
              new MutationObserver(() => {
                for (const state of list.querySelectorAll("li.alert-item .state")) window.shownStates.push(state.textContent);
              }).observe(list, { subtree: true, childList: true, characterData: true });
            }
            """);

        // The next poll's list of open alerts is read from the server now (the alert still open) and handed to the
        // page only after the acknowledgement: a slow answer overtaken by a newer one, as on a busy phone network.
        var held = new TaskCompletionSource<(IRoute Route, IAPIResponse Answer)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = 0;
        await page.RouteAsync(url => url.Contains("/api/alerts?", StringComparison.Ordinal) && url.Contains("state=open", StringComparison.Ordinal), async route =>
        {
            if (Interlocked.Exchange(ref holding, 1) == 1)
            {
                await route.ContinueAsync();
                return;
            }

            held.SetResult((route, await route.FetchAsync()));
        });
        var (route, staleAnswer) = await held.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        await card.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await card.Locator(".state").Filter(new() { HasText = "Acknowledged by oncall:" }).WaitForAsync();
        await route.FulfillAsync(new() { Response = staleAnswer });
        // Two later answers: by then the page has long read the stale one.
        for (var i = 0; i < 2; i++)
        {
            await page.WaitForResponseAsync(r => r.Url.Contains("/api/alerts?", StringComparison.Ordinal) && r.Url.Contains("state=open", StringComparison.Ordinal));
        }

        var shown = await page.EvaluateAsync<string[]>("() => window.shownStates");
        var sinceAcknowledged = shown.SkipWhile(s => !s.StartsWith("Acknowledged", StringComparison.Ordinal)).ToList();
        sinceAcknowledged.ShouldNotBeEmpty();
        sinceAcknowledged.ShouldAllBe(s => s.StartsWith("Acknowledged", StringComparison.Ordinal), $"states shown: {string.Join(" | ", shown)}");
    }

    [Fact]
    public async Task ResolvingAsksForAReasonAndTheAlertLeavesTheList()
    {
        var clinic = ConsoleFixture.NewClinic();
        var script = new SessionScript(clinicId: clinic) { Start = DateTimeOffset.UtcNow.AddMinutes(-10) };
        await fixture.SendAsync([script.Started(), script.Vitals(TimeSpan.FromMinutes(3), systolic: 205, diastolic: 125)]);
        var page = await fixture.NewPageAsync(phone: false);
        await ConsoleFixture.SignInAsync(page, ConsoleFixture.OnCall, clinic);
        var card = page.Locator("li.alert-item").Filter(new() { HasText = "VITALS-BP-CRITICAL" });
        await card.WaitForAsync();
        await ConsoleFixture.ScreenshotAsync(page, "oncall-desktop");
        var alertId = await card.GetAttributeAsync("data-alert-id");

        await card.GetByRole(AriaRole.Button, new() { Name = "Resolve" }).ClickAsync();
        // Keyboard only from here: the reason field has focus.
        await page.Keyboard.TypeAsync("infusion stopped, patient stable");
        await card.GetByRole(AriaRole.Button, new() { Name = "Resolve", Exact = true }).ClickAsync();

        await card.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        var alert = await AlertAsync(alertId!);
        alert["state"]!.GetValue<string>().ShouldBe("resolved");
        alert["resolveReason"]!.GetValue<string>().ShouldBe("infusion stopped, patient stable");
    }

    [Fact]
    public async Task TheNotificationsConsoleLinkOpensThisAlert()
    {
        var clinic = ConsoleFixture.NewClinic();
        var script = new SessionScript(clinicId: clinic) { Start = DateTimeOffset.UtcNow.AddMinutes(-10) };
        await fixture.SendAsync([script.Started(), script.Vitals(TimeSpan.FromMinutes(3), spo2: 85)]);
        var link = await ConsoleLinkFromTheNotificationAsync(script.SessionId);
        link.ShouldStartWith("/api/console/#/alerts/");

        var page = await fixture.NewPageAsync(phone: true);
        await ConsoleFixture.SignInAsync(page, ConsoleFixture.OnCall, clinic);
        await page.GotoAsync(link);

        await page.GetByRole(AriaRole.Heading, new() { Name = "From the notification" }).WaitForAsync();
        var focused = page.Locator("li.alert-item.is-focused");
        await focused.WaitForAsync();
        (await focused.GetAttributeAsync("data-alert-id")).ShouldBe(Uri.UnescapeDataString(link["/api/console/#/alerts/".Length..]));
    }

    [Fact]
    public async Task AnEntraPersonIsShownAndRecordedWhateverTheBodyNames()
    {
        var clinic = ConsoleFixture.NewClinic();
        var script = new SessionScript(clinicId: clinic) { Start = DateTimeOffset.UtcNow.AddMinutes(-10) };
        await fixture.SendAsync([script.Started(), script.Vitals(TimeSpan.FromMinutes(3), spo2: 84)]);
        var page = await fixture.NewPageAsync(phone: true, Principal("ada.example@clinic.test", "InfusionAudit.OnCall"));

        await page.GotoAsync("/");
        await page.GetByLabel("Clinic").FillAsync(clinic);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.Locator("#who").Filter(new() { HasText = "ada.example@clinic.test" }).WaitForAsync();
        var card = page.Locator("li.alert-item").Filter(new() { HasText = "VITALS-SPO2-CRITICAL" });
        await card.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).TapAsync();
        await card.Locator(".state").Filter(new() { HasText = "Acknowledged by ada.example@clinic.test" }).WaitForAsync();

        // The API takes the person from the principal, not from a typed name.
        var alertId = await card.GetAttributeAsync("data-alert-id");
        using var client = fixture.Client(null);
        foreach (var (name, value) in Principal("ada.example@clinic.test", "InfusionAudit.OnCall"))
        {
            client.DefaultRequestHeaders.Add(name, value);
        }

        using var resolve = await client.PostAsJsonAsync($"/api/alerts/{Uri.EscapeDataString(alertId!)}/resolve", new { by = "someone else", reason = "checked" }, Ct);
        resolve.EnsureSuccessStatusCode();
        var alert = await AlertAsync(alertId!);
        alert["resolvedBy"]!["name"]!.GetValue<string>().ShouldBe("ada.example@clinic.test");
        alert["acknowledgedBy"]!["name"]!.GetValue<string>().ShouldBe("ada.example@clinic.test");
    }

    /// <summary>The headers App Service authentication sets for a signed-in Entra ID user with one app role.</summary>
    internal static Dictionary<string, string> Principal(string name, string role)
    {
        var principal = new JsonObject
        {
            ["auth_typ"] = "aad",
            ["name_typ"] = "preferred_username",
            ["role_typ"] = "roles",
            ["claims"] = new JsonArray(
                new JsonObject { ["typ"] = "preferred_username", ["val"] = name },
                new JsonObject { ["typ"] = "roles", ["val"] = role }),
        };
        return new()
        {
            ["X-MS-CLIENT-PRINCIPAL"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(principal.ToJsonString())),
            ["X-MS-CLIENT-PRINCIPAL-NAME"] = name,
        };
    }

    private async Task<JsonNode> AlertAsync(string alertId)
    {
        using var client = fixture.Client(ConsoleFixture.OnCall);
        var view = await client.GetFromJsonAsync<JsonNode>($"/api/alerts/{Uri.EscapeDataString(alertId)}", Ct);
        return view!["alert"]!;
    }

    private async Task<string> ConsoleLinkFromTheNotificationAsync(string sessionId)
    {
        var queue = new QueueClient(Azurite.ConnectionString, fixture.AlertsQueue);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (await queue.ExistsAsync(Ct))
            {
                // Received, not peeked: peeking shows only the first 32 of the queue, which the other tests' notifications
                // fill; a received message stays out of sight for the rest of the run, so each round reads further.
                foreach (var message in (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(10), Ct)).Value)
                {
                    var body = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(message.MessageText)))!;
                    if (body["sessionId"]!.GetValue<string>() == sessionId)
                    {
                        return body["alerts"]![0]!["links"]!["console"]!.GetValue<string>();
                    }
                }
            }

            await Task.Delay(200, Ct);
        }

        throw new TimeoutException($"No notification for session {sessionId} on queue {fixture.AlertsQueue} within 30 s.");
    }
}
