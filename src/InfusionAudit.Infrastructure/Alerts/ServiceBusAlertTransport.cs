using Azure.Messaging.ServiceBus;
using InfusionAudit.Application;
using InfusionAudit.Application.Alerts;
using InfusionAudit.Application.Diagnostics;
using InfusionAudit.Domain.Sessions;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace InfusionAudit.Infrastructure.Alerts;

/// <summary>
/// The Service Bus topic <c>clinical-alerts</c>. MessageId is the notification id (the broker drops a re-send within
/// its duplicate-detection window), Subject the rule id (or <c>grouped</c>), and application properties carry what
/// subscriptions filter on: severity, clinicId, sessionId, state, target, kind. Messages go in
/// <see cref="ServiceBusMessageBatch"/>es, as many per batch as fit.
/// </summary>
public sealed class ServiceBusAlertTransport : IAlertTransport, IReadinessProbe, IAsyncDisposable
{
    private readonly ServiceBusClient client;
    private readonly ServiceBusSender sender;

    public ServiceBusAlertTransport(IOptions<AlertOptions> options, IConfiguration configuration, AzureComponentFactory? credentials = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = options.Value.ServiceBus;
        var clientOptions = new ServiceBusClientOptions
        {
            // A notification is latency-critical: fail fast and let the outbox retry, rather than block a session write.
            RetryOptions = new ServiceBusRetryOptions { MaxRetries = 2, Delay = TimeSpan.FromMilliseconds(200), TryTimeout = TimeSpan.FromSeconds(10) },
        };
        if (!string.IsNullOrWhiteSpace(settings.ConnectionString))
        {
            client = new ServiceBusClient(settings.ConnectionString, clientOptions);
        }
        else
        {
            var credential = (credentials ?? throw new InvalidOperationException("Service Bus by namespace needs the Azure client factory (AddAzureClientsCore)."))
                .CreateTokenCredential(configuration.GetSection(AlertOptions.Section + ":ServiceBus"));
            client = new ServiceBusClient(settings.FullyQualifiedNamespace, credential, clientOptions);
        }

        sender = client.CreateSender(settings.TopicName);
    }

    public string Name => "serviceBus";

    public string ReadinessName => "alerts:serviceBus";

    /// <summary>Opens the send link (a batch asks the broker for its size limit): reachable and allowed to send, nothing sent.</summary>
    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        using var batch = await sender.CreateMessageBatchAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<string?>> SendAsync(IReadOnlyList<OutboundAlert> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var results = new string?[messages.Count];
        var next = 0;
        while (next < messages.Count)
        {
            var first = next;
            try
            {
                using var batch = await sender.CreateMessageBatchAsync(cancellationToken);
                while (next < messages.Count && batch.TryAddMessage(ToMessage(messages[next])))
                {
                    next++;
                }

                if (next == first)
                {
                    // Too large even alone: record it and go on with the rest.
                    results[next++] = $"serviceBus: message of {messages[first].Body.Length} characters exceeds the largest batch ({batch.MaxSizeInBytes} bytes)";
                    continue;
                }

                await sender.SendMessagesAsync(batch, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                next = Math.Max(next, first + 1);
                for (var i = first; i < next; i++)
                {
                    results[i] = $"serviceBus: {ex.GetType().Name}: {ex.Message}";
                }
            }
        }

        return results;
    }

    public async ValueTask DisposeAsync()
    {
        await sender.DisposeAsync();
        await client.DisposeAsync();
    }

    /// <summary>The broker message of a notification.</summary>
    public static ServiceBusMessage ToMessage(OutboundAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var m = alert.Message;
        var message = new ServiceBusMessage(BinaryData.FromString(alert.Body))
        {
            MessageId = m.NotificationId,
            Subject = m.Subject,
            ContentType = "application/json",
            // The clinic's session (sessionId@clinicId): two clinics' sessions with one id never correlate.
            CorrelationId = ClinicSessionKey.Of(m.ClinicId, m.SessionId),
        };
        message.ApplicationProperties["severity"] = m.Severity;
        message.ApplicationProperties["clinicId"] = m.ClinicId;
        message.ApplicationProperties["sessionId"] = m.SessionId;
        message.ApplicationProperties["state"] = m.State;
        message.ApplicationProperties["target"] = m.Target;
        message.ApplicationProperties["kind"] = m.Kind;
        message.ApplicationProperties["ruleIds"] = string.Join(',', m.RuleIds);
        if (m.Alerts.Count > 0 && m.Alerts.Max(a => a.EventsMissing) is > 0 and var missing)
        {
            // Judged with events missing (a sequence gap): subscribers can route or label such pages without parsing the body.
            message.ApplicationProperties["eventsMissing"] = missing;
        }

        return message;
    }
}
