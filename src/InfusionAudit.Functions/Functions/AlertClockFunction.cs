using InfusionAudit.Application.Alerts;
using InfusionAudit.Infrastructure.Alerts;
using Microsoft.Azure.Functions.Worker;

namespace InfusionAudit.Functions.Functions;

/// <summary>Timer: closes alert group windows, escalates unacknowledged alerts, retries failed dispatch. Schedule: <c>InfusionAudit:Alerts:Schedule</c>.</summary>
public sealed class AlertClockFunction(AlertClockHandler handler)
{
    [Function("AlertClock")]
    public async Task Run([TimerTrigger("%InfusionAudit:Alerts:Schedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        await handler.RunAsync(cancellationToken);
}
