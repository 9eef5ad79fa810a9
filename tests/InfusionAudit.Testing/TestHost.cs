using System.Net.Http.Headers;
using InfusionAudit.Application.Ingestion;
using InfusionAudit.LocalHost.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace InfusionAudit.Testing;

/// <summary>
/// The real local host (WebJobs queue trigger + ASP.NET Core routes) started in-process on a free loopback port,
/// against Azurite, with its own event queue so tests do not see each other's messages. The one builder of the
/// in-process local host: the integration suites and the browser suite (ConsoleFixture, with the console) start it here.
/// </summary>
public sealed class TestHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private TestHost(WebApplication app, Uri baseAddress, string eventsQueue)
    {
        this.app = app;
        BaseAddress = baseAddress;
        EventsQueue = eventsQueue;
    }

    public Uri BaseAddress { get; }

    public string EventsQueue { get; }

    public IServiceProvider Services => app.Services;

    public T Get<T>() where T : notnull => app.Services.GetRequiredService<T>();

    public IngestHandler Ingest => Get<IngestHandler>();

    public static async Task<TestHost> StartAsync(string? eventsQueue = null, string? storage = null, string? hostJsonPath = null, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, bool console = false)
    {
        eventsQueue ??= "events-" + Guid.NewGuid().ToString("N")[..12];
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        var config = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["AzureWebJobsStorage"] = storage ?? Azurite.ConnectionString,
            ["InfusionAudit:EventsQueue"] = eventsQueue,
            ["InfusionAudit:PatientHashKey"] = TestKeys.PatientHash,
            ["InfusionAudit:Keys:Producer"] = TestKeys.Producer,
            ["InfusionAudit:Keys:OnCall"] = TestKeys.OnCall,
            ["InfusionAudit:Keys:Auditor"] = TestKeys.Auditor,
            ["InfusionAudit:Keys:Admin"] = TestKeys.Admin,
            ["LocalHost:HostJsonPath"] = hostJsonPath,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(config);
        builder.AddLocalHost();
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.Services.ValidateLocalHost();
        if (console)
        {
            // The web console at / as Program.cs serves it; its middleware must run before the routes.
            app.UseInfusionAuditConsole();
        }

        app.MapInfusionAuditRoutes();
        try
        {
            await app.StartAsync(TestContext.Current.CancellationToken);
        }
        catch
        {
            // A start that failed (a listener's port taken) must not leave Kestrel and the timers running.
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestHost(app, new Uri(address), eventsQueue);
    }

    /// <summary>
    /// A host with its MLLP listener on a free loopback port. A free port can be taken by another process before the
    /// listener binds it (the start then fails, MllpListener.StartAsync): such a start is tried again on another port.
    /// </summary>
    public static async Task<(TestHost Host, int MllpPort)> StartWithMllpAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = LoopbackPorts.Free();
            try
            {
                var host = await StartAsync(settings: new Dictionary<string, string?> { ["InfusionAudit:Hl7:MllpPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) });
                return (host, port);
            }
            catch (Exception ex) when (attempt < 3 && PortTaken(ex))
            {
                TestContext.Current.TestOutputHelper?.WriteLine($"MLLP port {port} was taken before the listener bound it; trying another");
            }
        }
    }

    private static bool PortTaken(Exception ex) => ex switch
    {
        System.Net.Sockets.SocketException socket => socket.SocketErrorCode == System.Net.Sockets.SocketError.AddressAlreadyInUse,
        AggregateException many => many.InnerExceptions.Any(PortTaken),
        _ => ex.InnerException is { } inner && PortTaken(inner),
    };

    public HttpClient Client(string? key)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("x-functions-key", key);
        }

        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
    }
}
