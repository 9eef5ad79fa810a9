using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using InfusionAudit.Testing;
using Microsoft.Playwright;

namespace InfusionAudit.Console.Tests;

/// <summary>
/// One real local host (queue trigger, routes and the console, on Azurite over loopback; started by the shared
/// TestHost, the one builder of the in-process local host) and one headless system
/// Chromium, shared by every browser test: starting Chromium costs about a second, the host about two.
/// App Service authentication is on, so a test can also sign in as an Entra ID person through the principal header
/// that App Service would set; keys work as always.
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    public const string Producer = "console-producer-key";
    public const string OnCall = "console-oncall-key";
    public const string Auditor = "console-auditor-key";
    public const string Admin = "console-admin-key";

    private TestHost host = null!;
    private IPlaywright playwright = null!;

    public Uri BaseAddress => host.BaseAddress;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The storage queue the host's alert transport writes notifications to (private to this fixture).</summary>
    public string AlertsQueue { get; } = "alerts-console-" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>Where the tests write screenshots: artifacts/console-screenshots (gitignored) at the repository root.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(RepositoryRoot(), "artifacts", "console-screenshots");

    public async ValueTask InitializeAsync()
    {
        host = await TestHost.StartAsync(
            eventsQueue: "events-console-" + Guid.NewGuid().ToString("N")[..10],
            settings: new Dictionary<string, string?>
            {
                ["InfusionAudit:PatientHashKey"] = "5a1c2e3d4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0",
                ["InfusionAudit:Keys:Producer"] = Producer,
                ["InfusionAudit:Keys:OnCall"] = OnCall,
                ["InfusionAudit:Keys:Auditor"] = Auditor,
                ["InfusionAudit:Keys:Admin"] = Admin,
                ["InfusionAudit:AppServiceAuth:Enabled"] = "true",
                ["InfusionAudit:Alerts:QueueName"] = AlertsQueue,
                ["InfusionAudit:Alerts:Scope"] = "console-" + Guid.NewGuid().ToString("N")[..8],
            },
            console: true);

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            // Root (CI, this machine) cannot use Chromium's sandbox.
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    /// <summary>A fresh browser context (its own sessionStorage) with a phone or desktop viewport.</summary>
    public async Task<IPage> NewPageAsync(bool phone, IDictionary<string, string>? headers = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1366, Height = 900 },
            DeviceScaleFactor = 1,
            IsMobile = phone,
            HasTouch = phone,
            AcceptDownloads = true,
            ExtraHTTPHeaders = headers,
        });
        // A bound on waiting, not a speed check: on a loaded CI machine one answer can take seconds (non-negotiable 5).
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type is "error")
            {
                ConsoleErrors.Add(message.Text);
            }
        };
        var log = NetworkLogs.GetOrCreateValue(page);
        page.Response += (_, response) => log.Add(response.Request, "HTTP " + response.Status.ToString(CultureInfo.InvariantCulture));
        page.RequestFailed += (_, request) => log.Add(request, "failed: " + request.Failure);
        return page;
    }

    /// <summary>
    /// What the page shows and asked for, for a failure message: the problem banner, the status line and the last API
    /// calls with their answers, so a wait that timed out on CI says whether the server refused, was slow or never asked.
    /// </summary>
    public static async Task<string> DescribeAsync(IPage page)
    {
        var problem = await page.Locator("#problem").TextContentAsync(new() { Timeout = 2_000 }).ConfigureAwait(false);
        var status = await page.Locator("p.status").AllTextContentsAsync().ConfigureAwait(false);
        var calls = NetworkLogs.TryGetValue(page, out var log) ? log.Lines() : [];
        return $"problem banner: '{problem}'; status: '{string.Join(" / ", status)}'; last API calls:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", calls)}";
    }

    /// <summary>Waits for <paramref name="locator"/>; a timeout names what the page showed and asked for meanwhile.</summary>
    public static async Task WaitShownAsync(IPage page, ILocator locator, float? timeout = null)
    {
        try
        {
            await locator.WaitForAsync(new() { Timeout = timeout });
        }
        catch (TimeoutException ex)
        {
            // Describing a page that is gone or elsewhere can fail in turn; the timeout is still what is reported.
            string description;
            try
            {
                description = await DescribeAsync(page);
            }
            catch (Exception describing) when (describing is PlaywrightException or TimeoutException)
            {
                description = "(the page could not be described: " + describing.Message + ")";
            }

            throw new TimeoutException($"{ex.Message}{Environment.NewLine}{description}", ex);
        }
    }

    private static readonly ConditionalWeakTable<IPage, PageNetworkLog> NetworkLogs = new();

    /// <summary>Errors the pages wrote to their console (a content security policy refusal lands here).</summary>
    public List<string> ConsoleErrors { get; } = [];

    public HttpClient Client(string? key)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("x-functions-key", key);
        }

        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    public async Task SendAsync(IEnumerable<System.Text.Json.Nodes.JsonObject> events)
    {
        using var client = Client(Producer);
        using var response = await client.PostAsync("/api/events", new StringContent(SessionScript.Batch(events), Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <param name="at">Where the console is opened: <c>/</c> (local host) or <c>/api/console/</c> (both hosts).</param>
    public static async Task SignInAsync(IPage page, string key, string clinic, string at = "/")
    {
        await page.GotoAsync(at);
        await page.GetByLabel("Key").FillAsync(key);
        await page.GetByLabel("Clinic").FillAsync(clinic);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.Locator("#who").Filter(new() { HasText = "clinic " + clinic }).WaitForAsync();
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });

    /// <summary>The system Chromium: CHROMIUM_PATH, else `chromium` on PATH (scripts/test.sh installs it when missing).</summary>
    private static string ChromiumPath()
    {
        if (Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured)
        {
            return configured;
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in new[] { "chromium", "chromium-browser" })
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new InvalidOperationException("No system Chromium: install the Debian package 'chromium' (scripts/test.sh does when it runs as root) or set CHROMIUM_PATH.");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Functions.sln")))
            {
                return dir.FullName;
            }
        }

        return Path.GetTempPath();
    }

    /// <summary>A clinic id of its own per test, so each test's alert list holds only its own alerts.</summary>
    public static string NewClinic() => "con-" + Guid.NewGuid().ToString("N")[..10];

    public static Stopwatch StartWatch() => Stopwatch.StartNew();
}

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "console";
}
