using InfusionAudit.Application.Clock;
using Microsoft.Azure.Functions.Worker;

namespace InfusionAudit.Functions.Functions;

/// <summary>Timer: judges open sessions on the clock (overdue, silent, no start). Schedule: <c>InfusionAudit:ClockSchedule</c>.</summary>
public sealed class SessionClockFunction(SessionClockHandler handler)
{
    [Function("SessionClock")]
    public async Task Run([TimerTrigger("%InfusionAudit:ClockSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        await handler.RunAsync(cancellationToken);
}
