using System.Text.Json.Serialization;

namespace InfusionAudit.Domain.Sessions;

/// <summary>Where a session stands after its events.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SessionStatus>))]
public enum SessionStatus
{
    /// <summary>Events arrived but no <c>SessionStarted</c> (and no <c>SessionEnded</c>).</summary>
    AwaitingStart,

    /// <summary>Started, not paused, not ended (the pump may still be at rate 0).</summary>
    Running,

    /// <summary>Started and paused.</summary>
    Paused,

    /// <summary>A <c>SessionEnded</c> arrived.</summary>
    Ended,
}
