namespace InfusionAudit.Domain.Alerts;

/// <summary>What is known about a session's alerts before a decision: its group bookkeeping and its alerts.</summary>
/// <param name="Group">Null before the session's first alert.</param>
/// <param name="Alerts">Every alert of the session.</param>
public sealed record SessionAlerts(AlertGroup? Group, IReadOnlyList<Alert> Alerts)
{
    /// <summary>A session without alerts.</summary>
    public static SessionAlerts None { get; } = new(null, []);

    /// <summary>The alert with this id, or null.</summary>
    public Alert? Find(string alertId) => Alerts.FirstOrDefault(a => a.AlertId == alertId);
}
