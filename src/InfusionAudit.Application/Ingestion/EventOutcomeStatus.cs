namespace InfusionAudit.Application.Ingestion;

/// <summary>What happened to one event of a message.</summary>
public enum EventOutcomeStatus
{
    /// <summary>Stored and judged.</summary>
    Accepted,

    /// <summary>The same event (same id, same content) was already stored; nothing changed.</summary>
    Duplicate,

    /// <summary>Refused; stored with its reason among the rejected input.</summary>
    Rejected,
}
