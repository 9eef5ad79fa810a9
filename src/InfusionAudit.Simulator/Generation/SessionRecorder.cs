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

    /// <summary>
    /// A stretch in which no blood pressure is taken (the cuff was off: readings keep heart rate, SpO2 and respiration);
    /// null for none. A course's fault: the intranasal blood pressure at about 40 minutes missed.
    /// </summary>
    public (DateTimeOffset From, DateTimeOffset To)? NoBloodPressure { get; set; }

    public void Add(DateTimeOffset at, string deviceId, string type, JsonObject payload) =>
        _events.Add((at, _events.Count, deviceId, type, payload));

    public void Vitals(DateTimeOffset at, int? heartRate, int? systolic, int? diastolic, int? spo2, int? respiratoryRate)
    {
        if (NoBloodPressure is { } gap && at >= gap.From && at <= gap.To)
        {
            (systolic, diastolic) = (null, null);
        }

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
            // At most +8 bpm of effect: a resting 60 read as 57 and a peak read 3 high stay within the backend's 25 %
            // change from the pre-dose reading (VITALS-BASELINE-CHANGE).
            heartRate: Math.Min(104, p.HeartRateBpm + (int)Math.Round(8 * effect) + random.Between(-3, 3)),
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

    /// <summary>Contract 1.1: the nurse's pre-dose checklist, contraindications checked and consent given, nothing found.</summary>
    public void Screening(DateTimeOffset at, params string[] medicineClasses) =>
        Add(at, Devices.Tablet, EventTypes.ScreeningRecorded, new JsonObject
        {
            ["contraindicationsChecked"] = true,
            ["contraindications"] = new JsonArray(),
            ["concomitantMedicineClasses"] = new JsonArray([.. medicineClasses.Select(c => (JsonNode)c)]),
            ["consentObtained"] = true,
        });

    /// <summary>Contract 1.1: monitoring ended at <paramref name="at"/>; the clinician judged the patient ready a little before.</summary>
    public void Discharged(DateTimeOffset at, DateTimeOffset readyToLeaveAt) =>
        Add(at, Devices.Tablet, EventTypes.PatientDischarged, new JsonObject { ["readyToLeaveAt"] = Contract.EventJsonWriter.FormatTimestamp(readyToLeaveAt) });

    /// <summary>
    /// A full reading every 9–11 min from <paramref name="from"/> until before <paramref name="until"/>: the nurse's round while
    /// dosing and observing (the backend's VITALS-MISSING wants pressure and SpO2 at most 15 min apart).
    /// </summary>
    public void Rounds(DateTimeOffset from, DateTimeOffset until, Func<DateTimeOffset, double> effect)
    {
        for (var at = from; at < until; at += Random.Seconds(9 * 60, 11 * 60))
        {
            TypicalVitals(at, effect(at));
        }
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
