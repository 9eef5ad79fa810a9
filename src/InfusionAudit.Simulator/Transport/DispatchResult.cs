namespace InfusionAudit.Simulator.Transport;

/// <summary>Totals of one sending run.</summary>
/// <param name="Messages">Messages delivered.</param>
/// <param name="Events">Events in delivered messages.</param>
/// <param name="FailedMessages">Messages that could not be delivered.</param>
/// <param name="FailedEvents">Events in those messages.</param>
/// <param name="HasResults">True when the transport reported per-event verdicts (HTTP).</param>
/// <param name="Accepted">Events the backend accepted (HTTP only).</param>
/// <param name="Duplicate">Events the backend already knew (HTTP only).</param>
/// <param name="Rejected">Events the backend refused (HTTP only).</param>
/// <param name="Duration">From the first send to the last answer.</param>
/// <param name="FirstError">The first failure, for the operator; null when none.</param>
/// <param name="Aborted">True when a fatal failure stopped the run before every message was tried.</param>
public sealed record DispatchResult(
    int Messages,
    long Events,
    int FailedMessages,
    long FailedEvents,
    bool HasResults,
    long Accepted,
    long Duplicate,
    long Rejected,
    TimeSpan Duration,
    string? FirstError,
    bool Aborted)
{
    /// <summary>Delivered events per second of sending.</summary>
    public double EventsPerSecond => Duration > TimeSpan.Zero ? Events / Duration.TotalSeconds : 0;

    /// <summary>True when every message was delivered.</summary>
    public bool Succeeded => FailedMessages == 0 && !Aborted;
}
