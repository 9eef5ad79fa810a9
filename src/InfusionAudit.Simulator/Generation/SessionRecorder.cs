using System.Text.Json.Nodes;
using InfusionAudit.Simulator.Contract;

namespace InfusionAudit.Simulator.Generation;

// Collects what the devices of one session record, in any order, then plays the gateway: sorts by device time,
// numbers the session's events 0..n and gives each an id from its device's counter.
internal sealed class SessionRecorder(
    string sessionId, string clinicId, DeviceSet devices, PatientProfile patient, Random random, MonitorStream? stream = null)
{
    private readonly List<(DateTimeOffset At, int Order, string DeviceId, string Type, JsonObject Payload)> _events = [];

    public string SessionId { get; } = sessionId;

    public string ClinicId { get; } = clinicId;

    public DeviceSet Devices { get; } = devices;

    public PatientProfile Patient { get; } = patient;

    public Random Random { get; } = random;

    /// <summary>The chair's streaming monitor; null when the monitor only takes the scripts' own readings.</summary>
    public MonitorStream? Stream { get; } = stream;

    public void Add(DateTimeOffset at, string deviceId, string type, JsonObject payload) =>
        _events.Add((at, _events.Count, deviceId, type, payload));

    public void Vitals(DateTimeOffset at, int? heartRate, int? systolic, int? diastolic, int? spo2, int? respiratoryRate)
    {
        var payload = new JsonObject();
        if (heartRate is { } hr)
        {
            payload["heartRateBpm"] = hr;
        }

        if (systolic is { } sbp)
        {
            payload["systolicMmHg"] = sbp;
        }

        if (diastolic is { } dbp)
        {
            payload["diastolicMmHg"] = dbp;
        }

        if (spo2 is { } saturation)
        {
            payload["spo2Percent"] = saturation;
        }

        if (respiratoryRate is { } rr)
        {
            payload["respiratoryRatePerMin"] = rr;
        }

        Add(at, Devices.Monitor, EventTypes.VitalsRecorded, payload);
    }

    /// <summary>A full monitor reading; <paramref name="effect"/> 0..1 is how far ketamine has lifted heart rate and pressure.</summary>
    public void TypicalVitals(DateTimeOffset at, double effect) => TypicalVitals(at, effect, Random);

    /// <summary>
    /// The same, drawing from <paramref name="random"/>. The caps keep every reading below the vital-sign rules
    /// (HR ≤ 104, BP ≤ 150/93, SpO2 ≥ 95, RR ≥ 10), whatever the patient and the effect.
    /// </summary>
    public void TypicalVitals(DateTimeOffset at, double effect, Random random)
    {
        var p = Patient;
        var systolic = Math.Min(150, p.SystolicMmHg + (int)Math.Round(14 * effect) + random.Between(-4, 4));
        var diastolic = Math.Min(93, p.DiastolicMmHg + (int)Math.Round(8 * effect) + random.Between(-3, 3));
        Vitals(
            at,
            heartRate: Math.Min(104, p.HeartRateBpm + (int)Math.Round(10 * effect) + random.Between(-3, 3)),
            systolic: systolic,
            diastolic: Math.Min(diastolic, systolic - 25),
            spo2: Math.Min(100, p.Spo2Percent + random.Between(-1, 1)),
            respiratoryRate: p.RespiratoryRatePerMin + random.Between(-2, 2));
    }

    public void AdverseEffect(DateTimeOffset at, string effect, string severity, int? cadssScore = null, string? note = null)
    {
        var payload = new JsonObject { ["effect"] = effect, ["severity"] = severity };
        if (cadssScore is { } score)
        {
            payload["cadssScore"] = score;
        }

        if (note is not null)
        {
            payload["note"] = note;
        }

        Add(at, Devices.Tablet, EventTypes.AdverseEffectObserved, payload);
    }

    public void End(DateTimeOffset at, string reason) =>
        Add(at, Devices.Tablet, EventTypes.SessionEnded, new JsonObject { ["reason"] = reason });

    public List<EventEnvelope> Seal(DeviceCounters counters)
    {
        var ordered = _events.OrderBy(e => e.At).ThenBy(e => e.Order).ToList();
        var sealedEvents = new List<EventEnvelope>(ordered.Count);
        for (var sequence = 0; sequence < ordered.Count; sequence++)
        {
            var (at, _, deviceId, type, payload) = ordered[sequence];
            sealedEvents.Add(new EventEnvelope(
                counters.NextEventId(deviceId), type, SessionId, ClinicId, deviceId, sequence, at, payload));
        }

        return sealedEvents;
    }
}
