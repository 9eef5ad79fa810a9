using System.Text.Json.Serialization;

namespace InfusionAudit.Domain.Findings;

/// <summary>Severity of a finding. Every <see cref="Critical"/> finding raises an alert.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Severity>))]
public enum Severity
{
    /// <summary>Recorded for the audit trail only.</summary>
    Info,

    /// <summary>Needs a documented reason.</summary>
    Warning,

    /// <summary>Raises an alert.</summary>
    Critical,
}
