using System.Globalization;
using System.Text.Json.Nodes;

namespace InfusionAudit.AlertLatency;

/// <summary>One simulated IV session: start, rate, then normal vitals; device time is the wall clock, so no clock rule fires.</summary>
internal sealed class DeviceSession(string sessionId, string clinicId, string deviceId)
{
    private long sequence;

    public string SessionId { get; } = sessionId;

    /// <summary>Events written so far.</summary>
    public long Sent => sequence;

    public JsonObject Next()
    {
        return sequence switch
        {
            0 => Event("SessionStarted", new JsonObject
            {
                ["patientRef"] = "MRN-" + SessionId,
                ["protocolId"] = "ketamine-iv-depression",
                ["route"] = "IV",
                ["weightKg"] = 70,
                ["prescribedDoseMgPerKg"] = 0.5,
                ["plannedDurationMin"] = 40,
                ["concentrationMgPerMl"] = 1.0,
            }),
            1 => Event("InfusionRateChanged", new JsonObject { ["rateMlPerHour"] = 52.5 }),
            _ => Vitals(120, 75),
        };
    }

    public JsonObject Vitals(double systolic, double diastolic) => Event("VitalsRecorded", new JsonObject
    {
        ["systolicMmHg"] = systolic,
        ["diastolicMmHg"] = diastolic,
        ["heartRateBpm"] = 72,
        ["spo2Percent"] = 98,
    });

    private JsonObject Event(string type, JsonObject payload)
    {
        var n = sequence++;
        return new JsonObject
        {
            ["schemaVersion"] = 1,
            ["eventId"] = $"{SessionId}-e{n}",
            ["type"] = type,
            ["sessionId"] = SessionId,
            ["clinicId"] = clinicId,
            ["deviceId"] = deviceId,
            ["sequence"] = n,
            ["occurredAt"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["payload"] = payload,
        };
    }
}
