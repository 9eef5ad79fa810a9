using System.Text.Json.Serialization;

namespace InfusionAudit.Domain.Alerts;

/// <summary>Who a notification is for; transports carry it so subscriptions can route on it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NotificationTarget>))]
public enum NotificationTarget
{
    /// <summary>The clinic's on-call clinician.</summary>
    OnCall,

    /// <summary>The escalation contact, when the on-call clinician did not acknowledge in time.</summary>
    Escalation,
}
