using System.Globalization;
using System.Text.Json.Nodes;

namespace InfusionAudit.Testing;

/// <summary>
/// Writes a session's device events in the contract's JSON, with sequence numbers and event ids assigned in order.
/// Each test gets its own session id, so tests share Azurite without sharing data.
/// </summary>
public sealed class SessionScript(string? sessionId = null, string clinicId = "abq-01", string deviceId = "pump-17")
{
    private long sequence;

    public string SessionId { get; } = sessionId ?? "S-" + Guid.NewGuid().ToString("N")[..16];

    public string ClinicId { get; } = clinicId;

    /// <summary>Session start; by default 50 minutes ago, so a standard session has just ended when it is sent.</summary>
    public DateTimeOffset Start { get; init; } = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 3000);

    public string PatientRef { get; init; } = "MRN-" + Random.Shared.Next(100000, 999999).ToString(CultureInfo.InvariantCulture);

    public JsonObject Started(double weightKg = 70, double doseMgPerKg = 0.5, double durationMin = 40, double concentration = 1.0) =>
        Event("SessionStarted", TimeSpan.Zero, StandardStart(PatientRef, weightKg, doseMgPerKg, durationMin, concentration));

    /// <summary>The payload of the contract example's start: 70 kg, 0.5 mg/kg over 40 min, IV at 1 mg/mL (by default).</summary>
    public static JsonObject StandardStart(string patientRef, double weightKg = 70, double doseMgPerKg = 0.5, double durationMin = 40, double concentration = 1.0) => new()
    {
        ["patientRef"] = patientRef,
        ["protocolId"] = "ketamine-iv-depression",
        ["route"] = "IV",
        ["weightKg"] = weightKg,
        ["prescribedDoseMgPerKg"] = doseMgPerKg,
        ["plannedDurationMin"] = durationMin,
        ["concentrationMgPerMl"] = concentration,
    };

    public JsonObject Rate(TimeSpan at, double mlPerHour) => Event("InfusionRateChanged", at, new JsonObject { ["rateMlPerHour"] = mlPerHour });

    public JsonObject Vitals(TimeSpan at, double systolic = 120, double diastolic = 75, double heartRate = 72, double spo2 = 98) =>
        Event("VitalsRecorded", at, new JsonObject
        {
            ["systolicMmHg"] = systolic,
            ["diastolicMmHg"] = diastolic,
            ["heartRateBpm"] = heartRate,
            ["spo2Percent"] = spo2,
        });

    public JsonObject PumpTotal(TimeSpan at, double volumeMl) => Event("PumpTotalReported", at, new JsonObject { ["volumeInfusedMl"] = volumeMl });

    public JsonObject Ended(TimeSpan at, string reason = "completed") => Event("SessionEnded", at, new JsonObject { ["reason"] = reason });

    /// <summary>
    /// The standard IV session of the contract example: 70 kg, 0.5 mg/kg over 40 min at 1 mg/mL = 52.5 mL/h; another
    /// <paramref name="doseMgPerKg"/> is prescribed and delivered the same way (0.75 mg/kg: 78.75 mL/h, 52.5 mL).
    /// </summary>
    public IReadOnlyList<JsonObject> StandardIvSession(double doseMgPerKg = 0.5) =>
    [
        Vitals(TimeSpan.FromMinutes(-5)),
        Started(doseMgPerKg: doseMgPerKg),
        Rate(TimeSpan.FromSeconds(30), doseMgPerKg * 70 * 60 / 40),
        Vitals(TimeSpan.FromMinutes(10)),
        Vitals(TimeSpan.FromMinutes(20)),
        Vitals(TimeSpan.FromMinutes(30)),
        Rate(TimeSpan.FromSeconds(30) + TimeSpan.FromMinutes(40), 0),
        PumpTotal(TimeSpan.FromMinutes(41), doseMgPerKg * 70),
        Ended(TimeSpan.FromMinutes(45)),
    ];

    public JsonObject Event(string type, TimeSpan at, JsonObject payload)
    {
        var n = sequence++;
        return Event($"{SessionId}-e{n}", SessionId, ClinicId, deviceId, n, type, Start + at, payload);
    }

    /// <summary>One event with every envelope field given, for a test that numbers and times its events itself.</summary>
    public static JsonObject Event(string eventId, string sessionId, string clinicId, string deviceId, long sequence, string type, DateTimeOffset occurredAt, JsonObject payload) => new()
    {
        ["schemaVersion"] = 1,
        ["eventId"] = eventId,
        ["type"] = type,
        ["sessionId"] = sessionId,
        ["clinicId"] = clinicId,
        ["deviceId"] = deviceId,
        ["sequence"] = sequence,
        ["occurredAt"] = occurredAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        ["payload"] = payload,
    };

    public static string Batch(IEnumerable<JsonObject> events) => new JsonArray([.. events.Select(e => (JsonNode)e.DeepClone())]).ToJsonString();
}
