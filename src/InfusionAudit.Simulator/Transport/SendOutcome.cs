namespace InfusionAudit.Simulator.Transport;

/// <summary>What the backend said about one message.</summary>
/// <param name="Events">Events in the message.</param>
/// <param name="HasResults">True when the transport answers per event (HTTP); a queue only says "stored".</param>
/// <param name="Accepted">Events accepted.</param>
/// <param name="Duplicate">Events already known (same eventId).</param>
/// <param name="Rejected">Events refused.</param>
public sealed record SendOutcome(int Events, bool HasResults, int Accepted, int Duplicate, int Rejected)
{
    /// <summary>A queue accepted the message; the backend's verdict comes later.</summary>
    public static SendOutcome Queued(int events) => new(events, HasResults: false, 0, 0, 0);
}
