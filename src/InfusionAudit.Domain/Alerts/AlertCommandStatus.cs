namespace InfusionAudit.Domain.Alerts;

/// <summary>How a person's acknowledge or resolve went.</summary>
public enum AlertCommandStatus
{
    /// <summary>The alert changed.</summary>
    Changed,

    /// <summary>It already was in the asked state: nothing changed (a retried request is harmless).</summary>
    Unchanged,

    /// <summary>It is resolved and cannot be acknowledged any more.</summary>
    AlreadyResolved,

    /// <summary>No such alert.</summary>
    NotFound,
}
