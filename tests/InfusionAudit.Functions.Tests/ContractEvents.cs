using System.Globalization;
using System.Text.Json.Nodes;

namespace InfusionAudit.Functions.Tests;

/// <summary>Device events in the contract's JSON, numbered <c>{sessionId}-{sequence}</c>.</summary>
public static class ContractEvents
{
    /// <summary>The contract example's start: 70 kg, 0.5 mg/kg over 40 min, IV at 1 mg/mL.</summary>
    public static JsonObject StandardStart(string patientRef) => new()
    {
        ["patientRef"] = patientRef,
        ["protocolId"] = "ketamine-iv-depression",
        ["route"] = "IV",
        ["weightKg"] = 70,
        ["prescribedDoseMgPerKg"] = 0.5,
        ["plannedDurationMin"] = 40,
        ["concentrationMgPerMl"] = 1,
    };

    public static JsonObject Event(string sessionId, string clinicId, string deviceId, int sequence, string type, DateTimeOffset occurredAt, JsonObject payload) => new()
    {
        ["schemaVersion"] = 1,
        ["eventId"] = $"{sessionId}-{sequence}",
        ["type"] = type,
        ["sessionId"] = sessionId,
        ["clinicId"] = clinicId,
        ["deviceId"] = deviceId,
        ["sequence"] = sequence,
        ["occurredAt"] = occurredAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        ["payload"] = payload,
    };
}
