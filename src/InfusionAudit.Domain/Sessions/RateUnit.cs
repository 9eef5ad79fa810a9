using System.Text.Json.Serialization;

namespace InfusionAudit.Domain.Sessions;

/// <summary>The unit a pump rate was programmed in.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RateUnit>))]
public enum RateUnit
{
    /// <summary><c>rateMlPerHour</c>.</summary>
    MillilitresPerHour,

    /// <summary><c>rateMgPerKgPerHour</c>.</summary>
    MilligramsPerKilogramPerHour,
}
