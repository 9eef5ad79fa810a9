namespace InfusionAudit.Domain.Alerts;

/// <summary>What a decision of <see cref="AlertPolicy"/> changes in a session's alerts; stored together or not at all.</summary>
/// <param name="Group">The session's group bookkeeping after the decision.</param>
/// <param name="GroupChanged">True when <paramref name="Group"/> differs from before.</param>
/// <param name="Alerts">Alerts created or changed.</param>
/// <param name="Notifications">Notifications to send, in order.</param>
public sealed record AlertChanges(AlertGroup Group, bool GroupChanged, IReadOnlyList<Alert> Alerts, IReadOnlyList<AlertNotification> Notifications)
{
    /// <summary>Held pages dropped because the late events withdrew their finding (for the log: nobody was told of them).</summary>
    public IReadOnlyList<PendingAlert> Dropped { get; init; } = [];

    /// <summary>True when nothing needs storing.</summary>
    public bool IsEmpty => !GroupChanged && Alerts.Count == 0 && Notifications.Count == 0;
}
