using Cronos;
using InfusionAudit.Application.Alerts;
using Microsoft.Extensions.Options;

namespace InfusionAudit.LocalHost.Hosting;

/// <summary>
/// The local host's alert timer, the equivalent of the Functions timer <c>AlertClock</c>: runs
/// <see cref="AlertClockHandler"/> on <c>InfusionAudit:Alerts:Schedule</c> (every 5 s by default) to close group windows,
/// escalate and retry dispatch. A failed tick is logged and the next one runs as planned.
/// </summary>
internal sealed partial class AlertClockService(IServiceProvider services, IOptions<AlertOptions> options, TimeProvider clock, ILogger<AlertClockService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = CronExpression.Parse(options.Value.Schedule, CronFormat.IncludeSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var next = schedule.GetNextOccurrence(now.UtcDateTime, TimeZoneInfo.Utc);
            if (next is null)
            {
                return;
            }

            await Task.Delay(next.Value - now.UtcDateTime, clock, stoppingToken);
            try
            {
                await services.GetRequiredService<AlertClockHandler>().RunAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogTickFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Alert timer tick failed; the next tick runs as scheduled")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);
}
