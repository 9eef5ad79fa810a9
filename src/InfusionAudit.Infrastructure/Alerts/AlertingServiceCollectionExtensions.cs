using InfusionAudit.Application;
using InfusionAudit.Application.Alerts;
using InfusionAudit.Application.Configuration;
using InfusionAudit.Domain.Alerts;
using InfusionAudit.Application.Ports.Alerts;
using InfusionAudit.Infrastructure.Storage.Alerts;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace InfusionAudit.Infrastructure.Alerts;

/// <summary>Wiring of alerting, shared by both hosts (called from <c>AddInfusionAudit</c>).</summary>
public static class AlertingServiceCollectionExtensions
{
    public static IServiceCollection AddAlerting(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AlertOptions>().Bind(configuration.GetSection(AlertOptions.Section));
        var settings = configuration.GetSection(AlertOptions.Section).Get<AlertOptions>() ?? new AlertOptions();

        services.AddSingleton(sp => new AlertPolicy(sp.GetRequiredService<IOptions<AlertOptions>>().Value.ToPolicy()));
        services.AddSingleton<AlertRepository>();
        services.AddSingleton<IAlertPartitionStore>(sp => sp.GetRequiredService<AlertRepository>());
        services.AddSingleton<AlertIndex>();
        services.AddSingleton<IAlertIndex>(sp => sp.GetRequiredService<AlertIndex>());
        services.AddSingleton<SilenceRepository>();
        services.AddSingleton<ISilenceStore>(sp => sp.GetRequiredService<SilenceRepository>());
        services.AddSingleton<AlertMessageBuilder>();
        services.AddSingleton<AlertStore>();
        services.AddSingleton<AlertDispatcher>();
        services.AddSingleton<AlertRaiser>();

        // The raiser files alerts under their session's clinical date; a host that wired the rest has it already.
        services.TryAddSingleton<ClinicCalendar>();
        services.AddSingleton<AlertClockHandler>();
        services.AddSingleton<AlertQueryHandler>();
        services.AddSingleton<AlertCommandHandler>();
        services.AddSingleton<SilenceHandler>();

        foreach (var transport in Transports(settings))
        {
            switch (transport)
            {
                case "queue":
                    services.AddSingleton<IAlertTransport, QueueAlertTransport>();
                    break;
                case "servicebus":
                    services.AddAzureClientsCore();
                    services.AddSingleton<ServiceBusAlertTransport>();
                    services.AddSingleton<IAlertTransport>(sp => sp.GetRequiredService<ServiceBusAlertTransport>());
                    break;
                case "webhook":
                    AddWebhook(services, settings.Webhook);
                    services.AddSingleton<IAlertTransport, WebhookAlertTransport>();
                    break;
                default:
                    throw new InvalidOperationException($"{AlertOptions.Section}:Transports names '{transport}'; the transports are queue, serviceBus and webhook.");
            }
        }

        return services;
    }

    /// <summary>The transports a configuration turns on (lower case).</summary>
    public static IReadOnlyList<string> Transports(AlertOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Transports is { } listed)
        {
            return [.. listed.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => t.ToLowerInvariant()).Distinct()];
        }

        var on = new List<string>();
        if (!string.IsNullOrWhiteSpace(settings.QueueName))
        {
            on.Add("queue");
        }

        if (settings.ServiceBus.IsConfigured)
        {
            on.Add("servicebus");
        }

        if (!string.IsNullOrWhiteSpace(settings.Webhook.Url))
        {
            on.Add("webhook");
        }

        return on;
    }

    private static void AddWebhook(IServiceCollection services, WebhookAlertOptions webhook)
    {
        if (!Uri.TryCreate(webhook.Url, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
        {
            throw new InvalidOperationException($"{AlertOptions.Section}:Webhook:Url must be an absolute http(s) URL.");
        }

        services.AddHttpClient(WebhookAlertTransport.ClientName)
            .AddResilienceHandler(WebhookAlertTransport.ClientName, pipeline =>
            {
                if (webhook.MaxRetries > 0)
                {
                    // Default HttpRetryStrategyOptions handle 5xx, 408, 429 and network failures, honouring Retry-After.
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = webhook.MaxRetries,
                        Delay = webhook.RetryDelay,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                    });
                }

                pipeline.AddTimeout(webhook.AttemptTimeout);
            });
    }
}
