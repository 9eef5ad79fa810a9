using InfusionAudit.Domain.Alerts;

namespace InfusionAudit.Application.Ports.Alerts;

/// <summary>One decision's changes to a session's alert partition, committed together.</summary>
/// <param name="SessionId">The session.</param>
/// <param name="Group">The group row after the decision.</param>
/// <param name="ExpectedETag">The group row's version token (its ETag) when read; null when the session had no group row yet.</param>
/// <param name="Alerts">Alerts created or changed.</param>
/// <param name="NewNotifications">Outbox rows to add.</param>
public sealed record AlertPartitionWrite(
    string SessionId,
    AlertGroup Group,
    string? ExpectedETag,
    IReadOnlyList<Alert> Alerts,
    IReadOnlyList<StoredNotification> NewNotifications);
