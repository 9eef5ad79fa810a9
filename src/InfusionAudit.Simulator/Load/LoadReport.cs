namespace InfusionAudit.Simulator.Load;

/// <summary>Result of one pipeline benchmark.</summary>
/// <param name="RunId">Prefix that made this run's ids unique.</param>
/// <param name="Sessions">Sessions generated.</param>
/// <param name="Events">Events sent.</param>
/// <param name="Messages">Messages sent.</param>
/// <param name="BatchSize">Most events per message.</param>
/// <param name="SendDuration">First send to last send answered.</param>
/// <param name="EndToEnd">First send to the poll that saw every event received; null when the timeout came first.</param>
/// <param name="Processed">Counter changes during the run (until the last poll).</param>
/// <param name="TimedOut">True when the host had not received every event within the timeout.</param>
/// <param name="SendFailures">Messages that could not be sent.</param>
/// <param name="EventsPerSession">Events generated per session, on average (telemetry density).</param>
/// <param name="SessionsPerMessage">Distinct sessions per message, on average (the backend commits once per session per message).</param>
public sealed record LoadReport(
    string RunId,
    int Sessions,
    long Events,
    int Messages,
    int BatchSize,
    TimeSpan SendDuration,
    TimeSpan? EndToEnd,
    PipelineCounters Processed,
    bool TimedOut,
    int SendFailures,
    double EventsPerSession,
    double SessionsPerMessage)
{
    /// <summary>Events per second of sending.</summary>
    public double SendEventsPerSecond => Rate(Events, SendDuration);

    /// <summary>Events per second from first send to last event received by the pipeline.</summary>
    public double EndToEndEventsPerSecond => EndToEnd is { } e ? Rate(Events, e) : 0;

    /// <summary>Storage round trips the host made per event it received.</summary>
    public double StorageRequestsPerEvent =>
        Processed.EventsReceived > 0 ? (double)Processed.StorageRequests / Processed.EventsReceived : 0;

    private static double Rate(long count, TimeSpan duration) => duration > TimeSpan.Zero ? count / duration.TotalSeconds : 0;
}
