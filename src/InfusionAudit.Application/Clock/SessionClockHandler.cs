using InfusionAudit.Application.Sessions;
using InfusionAudit.Application.Ports.Sessions;
using Microsoft.Extensions.Logging;

namespace InfusionAudit.Application.Clock;

/// <summary>
/// The timer's work: judge every open session again at the current time, so rules that need the passage of time
/// (<c>SESSION-OVERDUE</c>, <c>DEVICE-SILENT</c>, <c>SESSION-NO-START</c>, and the dose of a running infusion projected to now
/// for <c>DOSE-OVER-DELIVERY</c> / <c>DOSE-HARD-LIMIT</c>) fire on the clock, not on the next event. Every open session is
/// judged on every tick (default every minute), running ones included; the findings are dated at the instant their
/// condition became true, so the tick only decides how soon they are seen. Open sessions come from an index, never from a scan.
/// </summary>
public sealed partial class SessionClockHandler(ISessionDirectory directory, SessionCommitter committer, TimeProvider clock, ILogger<SessionClockHandler> logger)
{
    private const int Parallelism = 8;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var sessions = await directory.OpenSessionsAsync(cancellationToken);
        var failures = 0;
        await Parallel.ForEachAsync(sessions, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (session, ct) =>
        {
            try
            {
                await committer.RefreshAsync(session.ClinicId, session.SessionId, now, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One broken session must not stop the check of the others; the next tick tries it again.
                Interlocked.Increment(ref failures);
                LogFailure(logger, session.SessionId, ex);
            }
        });

        LogTick(logger, sessions.Count, failures);
        return sessions.Count;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Clock check of session {SessionId} failed")]
    private static partial void LogFailure(ILogger logger, string sessionId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Clock check judged {Sessions} open sessions ({Failures} failed)")]
    private static partial void LogTick(ILogger logger, int sessions, int failures);
}
