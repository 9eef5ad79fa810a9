using System.Diagnostics;
using InfusionAudit.LocalHost.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace InfusionAudit.Testing;

/// <summary>
/// The real local host (as <see cref="TestHost"/> starts it) with in-memory exporters added to its OpenTelemetry
/// pipeline: every span, metric and log record it would send to Azure Monitor or OTLP is kept for inspection.
/// </summary>
public sealed class TelemetryCapture : IAsyncDisposable
{
    private readonly WebApplication app;

    private TelemetryCapture(WebApplication app, string eventsQueue, List<Activity> spans, List<MetricSnapshot> metrics, List<LogRecord> logs)
    {
        this.app = app;
        EventsQueue = eventsQueue;
        Spans = spans;
        Metrics = metrics;
        Logs = logs;
    }

    public string EventsQueue { get; }

    public IServiceProvider Services => app.Services;

    public List<Activity> Spans { get; }

    public List<MetricSnapshot> Metrics { get; }

    public List<LogRecord> Logs { get; }

    public Uri BaseAddress => new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public static async Task<TelemetryCapture> StartAsync()
    {
        var eventsQueue = "events-" + Guid.NewGuid().ToString("N")[..12];
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["AzureWebJobsStorage"] = Azurite.ConnectionString,
            ["InfusionAudit:EventsQueue"] = eventsQueue,
            ["InfusionAudit:PatientHashKey"] = TestKeys.PatientHash,
            ["InfusionAudit:Keys:Producer"] = TestKeys.Producer,
            ["InfusionAudit:Keys:Auditor"] = TestKeys.Auditor,
            ["InfusionAudit:Keys:OnCall"] = TestKeys.OnCall,
            ["InfusionAudit:Alerts:QueueName"] = "alerts-" + Guid.NewGuid().ToString("N")[..12],
            ["InfusionAudit:Alerts:Scope"] = "telemetry-" + Guid.NewGuid().ToString("N")[..12],
            // Only what messages cause: the timers would add findings on their own schedule.
            ["LocalHost:Clock"] = "off",
            ["LocalHost:AlertClock"] = "off",
            // Everything the app logs, down to Debug, is checked for patient data.
            ["Logging:LogLevel:Default"] = "Debug",
            ["Logging:LogLevel:Microsoft"] = "Information",
            ["Logging:LogLevel:System"] = "Information",
            ["Logging:LogLevel:Azure"] = "Information",
        });

        var spans = new List<Activity>();
        var metrics = new List<MetricSnapshot>();
        var logs = new List<LogRecord>();
        builder.AddLocalHost();
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
        builder.Services.ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(metrics));
        builder.Services.ConfigureOpenTelemetryLoggerProvider(logging => logging.AddInMemoryExporter(logs));

        var app = builder.Build();
        app.Services.ValidateLocalHost();
        app.MapInfusionAuditRoutes();
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new TelemetryCapture(app, eventsQueue, spans, metrics, logs);
    }

    /// <summary>Pushes everything recorded so far through the exporters.</summary>
    public void Flush()
    {
        app.Services.GetRequiredService<TracerProvider>().ForceFlush();
        app.Services.GetRequiredService<MeterProvider>().ForceFlush();
        app.Services.GetRequiredService<LoggerProvider>().ForceFlush();
    }

    public HttpClient Client(string key)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("x-functions-key", key);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync(CancellationToken.None);
        await app.DisposeAsync();
    }
}
