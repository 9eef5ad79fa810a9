namespace InfusionAudit.Domain.Alerts;

/// <summary>A message to send about one or more alerts of a session: the outbox entry the dispatcher delivers.</summary>
/// <param name="NotificationId">From <see cref="AlertIds.Notification"/>: the same on every retry, so brokers drop duplicates.</param>
/// <param name="Number">Its number within the session (1, 2, ...).</param>
/// <param name="SessionId">The session.</param>
/// <param name="ClinicId">The clinic.</param>
/// <param name="Kind">Why it is sent.</param>
/// <param name="Target">Who it is for.</param>
/// <param name="AlertIds">The alerts it is about, in the order they were raised.</param>
/// <param name="CreatedAt">When it was decided.</param>
public sealed record AlertNotification(
    string NotificationId,
    int Number,
    string SessionId,
    string ClinicId,
    NotificationKind Kind,
    NotificationTarget Target,
    IReadOnlyList<string> AlertIds,
    DateTimeOffset CreatedAt);
