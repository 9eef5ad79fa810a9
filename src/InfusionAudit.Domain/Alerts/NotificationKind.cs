using System.Text.Json.Serialization;

namespace InfusionAudit.Domain.Alerts;

/// <summary>Why a notification is sent (IHE ACM: alert reported, disseminated, status fed back).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NotificationKind>))]
public enum NotificationKind
{
    /// <summary>New problems, sent at once because no notification of the session went out within the group window.</summary>
    Trigger,

    /// <summary>New problems that arrived within the group window, coalesced and sent when the window closed.</summary>
    FollowUp,

    /// <summary>Open alerts nobody acknowledged before their deadline, re-sent to the escalation target.</summary>
    Escalation,

    /// <summary>A person acknowledged an alert.</summary>
    Acknowledge,

    /// <summary>An alert was resolved, by a person or because the session completed.</summary>
    Resolve,
}
