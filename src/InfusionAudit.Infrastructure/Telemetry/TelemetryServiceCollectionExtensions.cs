using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using InfusionAudit.Application.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace InfusionAudit.Infrastructure.Telemetry;

/// <summary>OpenTelemetry for both hosts: the app's source and meter, ASP.NET Core's, logs, and one exporter chosen by configuration.</summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>Set by App Service when Application Insights is attached; turns the Azure Monitor exporter on.</summary>
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary><c>Authorization=AAD</c> (optionally <c>;ClientId=...</c>): ingestion with a managed identity token, as the Functions host does.</summary>
    public const string AuthenticationStringSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>
    /// Adds OpenTelemetry traces, metrics and logs. Azure Monitor when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set,
    /// else <c>InfusionAudit:Telemetry:Exporter</c> (none, console, otlp). Returns the builder so a host can add its own
    /// parts (the Functions worker adds <c>UseFunctionsWorkerDefaults()</c>; tests add in-memory exporters).
    /// </summary>
    public static IOpenTelemetryBuilder AddInfusionAuditTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        services.Configure<OpenTelemetryLoggerOptions>(logs =>
        {
            // The rendered message is what people read; attributes keep the template's named values for queries.
            logs.IncludeFormattedMessage = true;
            logs.ParseStateValues = true;
        });

        var builder = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName))
            .WithTracing(tracing => tracing
                .AddSource(InfusionAuditTelemetry.SourceName)
                .AddSource("Microsoft.AspNetCore"))
            .WithMetrics(metrics => metrics
                .AddMeter(InfusionAuditTelemetry.SourceName)
                .AddMeter("Microsoft.AspNetCore.Hosting"))
            .WithLogging();

        var connectionString = configuration[ConnectionStringSetting];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            var credential = EntraCredential(configuration[AuthenticationStringSetting]);
            builder.UseAzureMonitorExporter(azure =>
            {
                azure.ConnectionString = connectionString;
                azure.Credential = credential;
            });
            return builder;
        }

        switch (options.Exporter)
        {
            case TelemetryExporter.Console:
                builder.WithTracing(tracing => tracing.AddConsoleExporter())
                    .WithMetrics(metrics => metrics.AddConsoleExporter())
                    .WithLogging(logging => logging.AddConsoleExporter());
                break;
            case TelemetryExporter.Otlp when options.OtlpEndpoint is { } endpoint:
                builder.UseOtlpExporter(OtlpExportProtocol.Grpc, endpoint);
                break;
            case TelemetryExporter.Otlp:
                builder.UseOtlpExporter();
                break;
            default:
                break;
        }

        return builder;
    }

    /// <summary>
    /// The managed identity named by an Application Insights authentication string, or null for key-based ingestion.
    /// Application Insights with local auth disabled (as infra/ deploys it) refuses telemetry without such a token.
    /// </summary>
    public static ManagedIdentityCredential? EntraCredential(string? authenticationString)
    {
        if (string.IsNullOrWhiteSpace(authenticationString))
        {
            return null;
        }

        var parts = authenticationString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2, StringSplitOptions.TrimEntries))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var mode) || !string.Equals(mode, "AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return new ManagedIdentityCredential(parts.TryGetValue("ClientId", out var clientId) && clientId.Length > 0
            ? ManagedIdentityId.FromUserAssignedClientId(clientId)
            : ManagedIdentityId.SystemAssigned);
    }
}
