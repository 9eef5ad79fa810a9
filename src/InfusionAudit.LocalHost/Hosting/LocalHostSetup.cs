using Azure.Core;
using InfusionAudit.Application;
using InfusionAudit.Application.Alerts;
using InfusionAudit.Application.Clock;
using InfusionAudit.Application.Configuration;
using InfusionAudit.Application.Telemetry;
using InfusionAudit.Http;
using InfusionAudit.Infrastructure;
using InfusionAudit.Infrastructure.Alerts;
using InfusionAudit.Infrastructure.Storage;
using InfusionAudit.Infrastructure.Telemetry;
using InfusionAudit.LocalHost.Jobs;
using InfusionAudit.LocalHost.Queues;
using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Host.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace InfusionAudit.LocalHost.Hosting;

/// <summary>Wires the local host: shared services, the WebJobs SDK queue trigger configured from host.json, and the HTTP routes.</summary>
public static class LocalHostSetup
{
    /// <summary>The Functions host's local port, used unless ASPNETCORE_URLS or --urls says otherwise.</summary>
    public const string DefaultUrl = "http://127.0.0.1:7071";

    /// <summary>
    /// How long the queue listener keeps retrying a delete or release through a storage outage. A message whose hold
    /// ran out meanwhile is redelivered and ingested again, idempotently.
    /// </summary>
    public static readonly TimeSpan StorageOutageTolerance = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a message being processed stays invisible after each renewal, instead of the WebJobs listener's fixed
    /// 10 minutes: the most a crash of this host delays the messages it held (docs/reliability.md).
    /// </summary>
    public static readonly TimeSpan MessageHold = TimeSpan.FromSeconds(30);

    /// <summary>Renewal period of <see cref="MessageHold"/>: three renewals per hold, so one failed renewal loses nothing.</summary>
    public static readonly TimeSpan MessageHoldRenewal = TimeSpan.FromSeconds(10);

    public static WebApplicationBuilder AddLocalHost(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // Trigger attributes resolve %InfusionAudit:...% from configuration: give them the documented defaults.
        var defaults = new InfusionAuditOptions();
        builder.Configuration["InfusionAudit:EventsQueue"] ??= defaults.EventsQueue;
        builder.Configuration["InfusionAudit:ClockSchedule"] ??= defaults.ClockSchedule;
        builder.Configuration[ServiceCollectionExtensions.StorageSetting] ??= "UseDevelopmentStorage=true";

        builder.Services.AddInfusionAudit(builder.Configuration);
        builder.Services.AddInfusionAuditHttp(builder.Configuration);
        builder.Services.AddHostedService<MllpListener>();
        builder.Services.AddInfusionAuditTelemetry(builder.Configuration);

        // The trigger's own queue requests (receive, delete) go through the counter too, so benchmarks count every round trip.
        // A queue read that finds storage gone answers 503 so the WebJobs listener backs off instead of ending the host.
        // A receive holds its messages for one MessageHold, not the listener's fixed 10 minutes.
        builder.Services.AddAzureClients(clients => clients.ConfigureDefaults((options, services) =>
        {
            options.AddPolicy(services.GetRequiredService<StorageRequestCounter>(), HttpPipelinePosition.PerRetry);
            options.AddPolicy(new ListenerOutagePolicy(), HttpPipelinePosition.PerCall);
            options.AddPolicy(new ReceiveHoldPolicy(MessageHold), HttpPipelinePosition.PerCall);
        }));

        // LocalHost:HostJsonPath lets a test host use shorter retry timings; everything else reads the root host.json.
        var hostJson = HostJson.Load(builder.Configuration["LocalHost:HostJsonPath"] is { Length: > 0 } path ? path : Path.Combine(AppContext.BaseDirectory, "host.json"));
        builder.Host.ConfigureWebJobs(webJobs => webJobs.AddAzureStorageQueues(options => HostJson.ApplyQueues(hostJson, options)));
        // A storage outage must not end the process and a crash must not hide messages for 10 minutes (see
        // OutageTolerantQueueProcessor); replaces the SDK's default factory.
        builder.Services.RemoveAll<IQueueProcessorFactory>();
        builder.Services.AddSingleton<IQueueProcessorFactory>(new OutageTolerantQueueProcessorFactory(StorageOutageTolerance, MessageHold, MessageHoldRenewal));
        builder.Services.AddSingleton<ITypeLocator>(new JobTypeLocator(typeof(IngestEventsJob)));
        // The Functions timers SessionClock and AlertClock, on the same schedules; each can be switched off for benchmarks.
        AddTimer(builder, "LocalHost:Clock", "session clock", sp => sp.GetRequiredService<IOptions<InfusionAuditOptions>>().Value.ClockSchedule,
            (sp, ct) => sp.GetRequiredService<SessionClockHandler>().RunAsync(ct));
        AddTimer(builder, "LocalHost:AlertClock", "alert clock", sp => sp.GetRequiredService<IOptions<AlertOptions>>().Value.Schedule,
            (sp, ct) => sp.GetRequiredService<AlertClockHandler>().RunAsync(ct));

        return builder;
    }

    private static void AddTimer(WebApplicationBuilder builder, string switchSetting, string name, Func<IServiceProvider, string> schedule, Func<IServiceProvider, CancellationToken, Task> tick)
    {
        if (string.Equals(builder.Configuration[switchSetting], "off", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        builder.Services.AddSingleton<IHostedService>(sp => new CronService(
            name, schedule(sp), tick, sp, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<CronService>>()));
    }

    public static void ValidateLocalHost(this IServiceProvider services) => services.ValidateInfusionAudit();

    /// <summary>Maps every route of <see cref="RouteTable"/>; the dispatcher checks its roles, as in the Functions app.</summary>
    public static WebApplication MapInfusionAuditRoutes(this WebApplication app)
    {
        foreach (var route in RouteTable.All)
        {
            app.MapMethods(route.Template, [route.Method], (HttpContext context, RouteDispatcher dispatcher) =>
                dispatcher.RunAsync(route, context.Request, context.Request.RouteValues, context.RequestAborted));
        }

        return app;
    }
}
