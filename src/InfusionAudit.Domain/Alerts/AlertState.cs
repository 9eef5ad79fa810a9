using System.Text.Json.Serialization;

namespace InfusionAudit.Domain.Alerts;

/// <summary>Where an alert stands. The only transitions are open → acknowledged → resolved and open → resolved.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlertState>))]
public enum AlertState
{
    /// <summary>Raised and not yet acknowledged by a person: escalates when its deadline passes.</summary>
    Open,

    /// <summary>A person took it on; it no longer escalates.</summary>
    Acknowledged,

    /// <summary>Closed by a person or automatically when the session completed normally.</summary>
    Resolved,
}
