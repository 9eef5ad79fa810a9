using Cronos;
using InfusionAudit.Application.Clock;
using InfusionAudit.Application.Configuration;
using Microsoft.Extensions.Options;

namespace InfusionAudit.LocalHost.Hosting;

/// <summary>
/// The local host's equivalent of the Functions timer trigger: runs <see cref="SessionClockHandler"/> on the same CRON
/// schedule (<c>InfusionAudit:ClockSchedule</c>). A failed tick is logged and the next one runs as planned.
/// </summary>
internal sealed partial class ClockService(IServiceProvider services, IOptions<InfusionAuditOptions> options, TimeProvider clock, ILogger<ClockService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = CronExpression.Parse(options.Value.ClockSchedule, CronFormat.IncludeSeconds);
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
                await services.GetRequiredService<SessionClockHandler>().RunAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogTickFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Clock check failed; the next tick runs as scheduled")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);
}
