using Cronos;

namespace InfusionAudit.LocalHost.Hosting;

/// <summary>
/// The local host's equivalent of a Functions timer trigger: runs one handler on a CRON schedule (with seconds),
/// the same expression the Functions timer reads. A failed tick is logged and the next one runs as planned.
/// </summary>
internal sealed partial class CronService(
    string name,
    string schedule,
    Func<IServiceProvider, CancellationToken, Task> tick,
    IServiceProvider services,
    TimeProvider clock,
    ILogger<CronService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var expression = CronExpression.Parse(schedule, CronFormat.IncludeSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var next = expression.GetNextOccurrence(now.UtcDateTime, TimeZoneInfo.Utc);
            if (next is null)
            {
                return;
            }

            await Task.Delay(next.Value - now.UtcDateTime, clock, stoppingToken);
            try
            {
                await tick(services, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogTickFailed(logger, name, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer {Timer} failed; the next tick runs as scheduled")]
    private static partial void LogTickFailed(ILogger logger, string timer, Exception exception);
}
