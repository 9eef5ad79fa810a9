namespace InfusionAudit.Application.Ports.Alerts;

/// <summary>
/// The dispatch record of one notification: per transport what happened, and when the next try is due. A notification
/// is delivered when every configured transport accepted it; only the transports that have not are tried again.
/// </summary>
/// <param name="Transports">Per transport name.</param>
/// <param name="Attempts">Dispatch rounds tried.</param>
/// <param name="LastAttemptAt">When the last round ran.</param>
/// <param name="LastError">The last failure of any transport.</param>
/// <param name="NextAttemptAt">When the alert timer may try it (again); also the lease that keeps the timer off a fresh one.</param>
/// <param name="DeliveredAt">When the last transport accepted it; null while pending.</param>
public sealed record NotificationDelivery(
    IReadOnlyDictionary<string, TransportDelivery> Transports,
    int Attempts,
    DateTimeOffset? LastAttemptAt,
    string? LastError,
    DateTimeOffset NextAttemptAt,
    DateTimeOffset? DeliveredAt)
{
    /// <summary>A notification nobody tried yet, left to its creator until <paramref name="leaseUntil"/>.</summary>
    public static NotificationDelivery Pending(DateTimeOffset leaseUntil) => new(new Dictionary<string, TransportDelivery>(), 0, null, null, leaseUntil, null);

    /// <summary>True once every transport accepted it.</summary>
    public bool IsDelivered => DeliveredAt is not null;
}
