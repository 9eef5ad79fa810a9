using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace InfusionAudit.Testing;

/// <summary>
/// The real local host as its own process (<c>dotnet InfusionAudit.LocalHost.dll</c>), as an operator runs it: a crash
/// is an exit of that process, not of the test run, and it can be killed with SIGKILL.
/// </summary>
public sealed class LocalHostProcess : IDisposable
{
    private readonly ChildProcess process;

    private LocalHostProcess(ChildProcess process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public bool HasExited => process.HasExited;

    public string Tail(int lines = 60) => process.Tail(lines);

    /// <summary>Starts a host on a free port and waits for /health (storage need not answer for that).</summary>
    public static async Task<LocalHostProcess> StartAsync(string storage, string eventsQueue, string hostJsonPath, IDictionary<string, string>? settings = null)
    {
        var dll = Path.Combine(RepositoryPaths.ProjectOutput("InfusionAudit.LocalHost"), "InfusionAudit.LocalHost.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} not found: build Functions.sln in {RepositoryPaths.Configuration} first.");
        }

        var port = LoopbackPorts.Free();
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["AzureWebJobsStorage"] = storage,
            ["InfusionAudit__EventsQueue"] = eventsQueue,
            ["InfusionAudit__PatientHashKey"] = TestKeys.PatientHash,
            ["InfusionAudit__Keys__Producer"] = TestKeys.Producer,
            ["InfusionAudit__Keys__OnCall"] = TestKeys.OnCall,
            ["InfusionAudit__Keys__Auditor"] = TestKeys.Auditor,
            ["InfusionAudit__Keys__Admin"] = TestKeys.Admin,
            ["LocalHost__HostJsonPath"] = hostJsonPath,
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__Console__FormatterName"] = "simple",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var child = ChildProcess.Start("dotnet", [dll], environment, Path.GetDirectoryName(dll));
        var host = new LocalHostProcess(child, new Uri($"http://127.0.0.1:{port}"));
        using var client = host.Client(null);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (true)
        {
            if (child.HasExited)
            {
                throw new InvalidOperationException($"The local host exited during start-up (code {child.ExitCode}):\n{child.Tail()}");
            }

            try
            {
                using var response = await client.GetAsync("/health");
                if (response.IsSuccessStatusCode)
                {
                    return host;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                child.Dispose();
                throw new InvalidOperationException($"The local host did not answer /health within 60 s:\n{child.Tail()}");
            }

            await Task.Delay(200);
        }
    }

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

    /// <summary>The event ids stored for a session (empty while the session is unknown or the host cannot read storage).</summary>
    public async Task<IReadOnlyList<string>> StoredEventIdsAsync(string sessionId)
    {
        using var client = Client(TestKeys.Auditor);
        try
        {
            using var response = await client.GetAsync($"/api/sessions/{sessionId}");
            if (!response.IsSuccessStatusCode)
            {
                return [];
            }

            var session = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            return session["events"]!.AsArray().Select(e => (e!["eventId"] ?? e["event"]?["eventId"])!.GetValue<string>()).ToList();
        }
        catch (HttpRequestException)
        {
            return [];
        }
        catch (TaskCanceledException)
        {
            return [];
        }
    }

    /// <summary>The session's standing findings as "ruleId/severity", sorted (empty while the session cannot be read).</summary>
    public async Task<IReadOnlyList<string>> StandingFindingsAsync(string sessionId)
    {
        using var client = Client(TestKeys.Auditor);
        using var response = await client.GetAsync($"/api/sessions/{sessionId}");
        if (!response.IsSuccessStatusCode)
        {
            return [];
        }

        var session = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return session["findings"]!.AsArray()
            .Where(f => f!["retractedAt"] is null)
            .Select(f => $"{f!["ruleId"]!.GetValue<string>()}/{f["severity"]!.GetValue<string>()}")
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Every alert of a clinic (the <c>alert</c> object of each listing item), all pages read.</summary>
    public async Task<IReadOnlyList<JsonNode>> AlertsAsync(string clinicId)
    {
        using var client = Client(TestKeys.OnCall);
        var alerts = new List<JsonNode>();
        string? token = null;
        do
        {
            var page = JsonNode.Parse(await client.GetStringAsync(
                $"/api/alerts?clinicId={clinicId}&pageSize=200" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token))))!;
            alerts.AddRange(page["items"]!.AsArray().Select(item => item!["alert"]!));
            token = page["continuationToken"]?.GetValue<string>();
        }
        while (token is not null);

        return alerts;
    }

    public void Kill() => process.KillNow();

    public Task StopAsync() => process.StopGracefullyAsync(TimeSpan.FromSeconds(20));

    public void Dispose() => process.Dispose();
}
