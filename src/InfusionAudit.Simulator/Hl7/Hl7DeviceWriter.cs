using System.Globalization;
using System.Text.Json;
using InfusionAudit.Hl7.Er7;
using InfusionAudit.Simulator.Contract;

namespace InfusionAudit.Simulator.Hl7;

/// <summary>
/// Writes what a clinic's pumps and monitors produce as their gateways send it: HL7 v2 ER7 as profiled by IHE PCD.
/// A monitor's <c>VitalsRecorded</c> and a pump's <c>PumpTotalReported</c> become PCD-01 (<c>ORU^R01</c>); a pump's
/// rate change, pause, resume and stop become PCD-10 (<c>ORU^R42</c>). Everything else (the tablet's events, the
/// prescription in <c>SessionStarted</c>, broken events) has no HL7 form and stays contract JSON.
/// </summary>
/// <remarks>
/// An outside producer: it reads the generated JSON like any gateway would read its devices, and writes the codes of
/// docs/hl7v2.md's table (InfusionAudit.Hl7 is used for the ER7 wire format only: escaping and framing). Identity
/// goes where the backend's default mapping looks: the clinic in MSH-4, the session in PV1-19, the device in OBX-18
/// of the device (MDS) row, the patient in PID-3, the event's sequence in MSH-13, its time in OBR-7. MSH-10 is the
/// JSON event's id, so a resent event is a resent message with the same control id (a duplicate on both routes).
/// </remarks>
public static class Hl7DeviceWriter
{
    public const string SendingApplication = "INFUSION-SIM";
    private const string Pcd01Profile = "IHE_PCD_001^IHE PCD^1.3.6.1.4.1.19376.1.6.1.1.1^ISO";
    private const string Pcd10Profile = "IHE_PCD_010^IHE PCD^1.3.6.1.4.1.19376.1.6.4.10^ISO";

    /// <summary>
    /// The ER7 text of <paramref name="wire"/>, or null when it stays JSON: not a pump or monitor event, not a valid
    /// original or resent event, or a payload HL7 cannot carry (a resume with no earlier rate).
    /// </summary>
    public static string? TryWrite(WireEvent wire, SessionDeviceFacts facts)
    {
        ArgumentNullException.ThrowIfNull(wire);
        ArgumentNullException.ThrowIfNull(facts);
        if (wire.Kind is not (WireEventKind.Original or WireEventKind.Duplicate))
        {
            return null;
        }

        using var document = JsonDocument.Parse(wire.Json);
        var root = document.RootElement;
        if (!TryRead(root, out var e))
        {
            return null;
        }

        var payload = root.GetProperty("payload");
        return e.Type switch
        {
            EventTypes.VitalsRecorded => Vitals(e, facts, payload),
            EventTypes.PumpTotalReported when Number(payload, "volumeInfusedMl") is { } volume => PumpTotal(e, facts, volume),
            EventTypes.InfusionRateChanged => RateChange(e, facts, payload),
            EventTypes.InfusionPaused => PumpEvent(e, facts, [(StopEvent, null, null)]),
            EventTypes.InfusionResumed when facts.RateBefore(e.Sequence) is { } rate => PumpEvent(e, facts, [(StartEvent, rate.Field, rate.Value)]),
            _ => null,
        };
    }

    /// <summary>What each session's devices know: its patient and its programmed rates, read from all its events.</summary>
    public static IReadOnlyDictionary<string, SessionDeviceFacts> Facts(IEnumerable<WireEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var patients = new Dictionary<string, string>(StringComparer.Ordinal);
        var rates = new Dictionary<string, List<(long, string, string)>>(StringComparer.Ordinal);
        foreach (var wire in events.Where(w => w.Kind == WireEventKind.Original))
        {
            using var document = JsonDocument.Parse(wire.Json);
            var root = document.RootElement;
            if (!TryRead(root, out var e))
            {
                continue;
            }

            var payload = root.GetProperty("payload");
            if (e.Type == EventTypes.SessionStarted && payload.TryGetProperty("patientRef", out var patient) && patient.ValueKind == JsonValueKind.String)
            {
                patients[e.SessionId] = patient.GetString()!;
            }
            else if (e.Type == EventTypes.InfusionRateChanged && Rate(payload) is { } rate && rate.Value > 0)
            {
                // Kept as written, like every number this writer copies.
                if (!rates.TryGetValue(e.SessionId, out var list))
                {
                    rates[e.SessionId] = list = [];
                }

                list.Add((e.Sequence, rate.Field, Number(payload, rate.Field)!));
            }
        }

        return patients.Keys.Union(rates.Keys).ToDictionary(
            s => s,
            s => new SessionDeviceFacts(patients.GetValueOrDefault(s), rates.TryGetValue(s, out var r) ? [.. r.OrderBy(x => x.Item1)] : []),
            StringComparer.Ordinal);
    }

    private const string StartEvent = "MDC_EVT_PUMP_DELIV_START";
    private const string StopEvent = "MDC_EVT_PUMP_DELIV_STOP";
    private const string ClearedEvent = "MDC_EVT_PUMP_PROG_CLEARED";

    private sealed record Envelope(string Type, string EventId, string SessionId, string ClinicId, string DeviceId, long Sequence, DateTimeOffset OccurredAt);

    private static bool TryRead(JsonElement root, out Envelope envelope)
    {
        envelope = null!;
        if (root.ValueKind != JsonValueKind.Object
            || Text(root, "type") is not { } type
            || Text(root, "eventId") is not { } id
            || Text(root, "sessionId") is not { } session
            || Text(root, "clinicId") is not { } clinic
            || Text(root, "deviceId") is not { } device
            || !root.TryGetProperty("sequence", out var seq) || !seq.TryGetInt64(out var sequence)
            || !root.TryGetProperty("occurredAt", out var at) || at.ValueKind != JsonValueKind.String || !at.TryGetDateTimeOffset(out var occurredAt)
            || !root.TryGetProperty("payload", out var payload) || payload.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        envelope = new Envelope(type, id, session, clinic, device, sequence, occurredAt);
        return true;
    }

    private static string? Text(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    // The number exactly as the JSON producer wrote it, so that the backend reads the same double from either route.
    private static string? Number(JsonElement payload, string name)
    {
        if (!payload.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.Number)
        {
            return null;
        }

        var raw = v.GetRawText();
        // ER7 NM has no exponent: write such a number out in full.
        return raw.Contains('e', StringComparison.OrdinalIgnoreCase)
            ? v.GetDecimal().ToString(CultureInfo.InvariantCulture)
            : raw;
    }

    private static (string Field, double Value)? Rate(JsonElement payload)
    {
        foreach (var field in new[] { "rateMlPerHour", "rateMgPerKgPerHour" })
        {
            if (payload.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.Number)
            {
                return (field, v.GetDouble());
            }
        }

        return null;
    }

    private static string Time(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "+0000";

    private static Er7Field F(params string[] components) => Er7Field.OfComponents(components);

    private static Er7Field Coded(string text) => new([text.Split('^').Select(c => (IReadOnlyList<string>)[c]).ToArray()]);

    private static Er7Segment Segment(string id, params Er7Field[] fields) => new(id, fields);

    private static string Message(Envelope e, SessionDeviceFacts facts, string trigger, string profile, IEnumerable<Er7Segment> observations)
    {
        var segments = new List<Er7Segment>
        {
            Segment(
                "MSH", F("|"), F(Er7Delimiters.Standard.EncodingCharacters), F(SendingApplication), F(e.ClinicId), F("INFUSIONAUDIT"), F(""),
                F(Time(e.OccurredAt)), F(""), F("ORU", trigger, "ORU_R01"), F(e.EventId), F("P"), F("2.6"),
                F(e.Sequence.ToString(CultureInfo.InvariantCulture)), F(""), F("AL"), F("NE"), F(""), F("UNICODE UTF-8"), F(""), F(""), Coded(profile)),
        };
        if (facts.PatientRef is { } patient)
        {
            segments.Add(Segment("PID", F(""), F(""), F(patient, "", "", e.ClinicId, "MR")));
        }

        var pv1 = new Er7Field[19];
        Array.Fill(pv1, F(""));
        pv1[1] = F("O");
        pv1[18] = F(e.SessionId);
        segments.Add(Segment("PV1", pv1));
        segments.AddRange(observations);
        return Er7Writer.Write(new Er7Message(Er7Delimiters.Standard, segments));
    }

    private static Er7Segment Obr(Envelope e, int setId, string code) =>
        Segment("OBR", F(setId.ToString(CultureInfo.InvariantCulture)), F(e.EventId, SendingApplication), F(e.EventId, SendingApplication), Coded(code), F(""), F(""), F(Time(e.OccurredAt)));

    private static Er7Segment Obx(int setId, string type, string code, string hierarchy, string value, string unit) =>
        Segment("OBX", F(setId.ToString(CultureInfo.InvariantCulture)), F(type), Coded(code), F(hierarchy), F(value), unit.Length == 0 ? F("") : Coded(unit), F(""), F(""), F(""), F(""), F("R"));

    private static Er7Segment DeviceRow(int setId, string mds, string deviceId) =>
        Segment("OBX", F(setId.ToString(CultureInfo.InvariantCulture)), F(""), Coded(mds), F("1.0.0.0"), F(""), F(""), F(""), F(""), F(""), F(""), F("X"),
            F(""), F(""), F(""), F(""), F(""), F(""), F(deviceId));

    private static string? Vitals(Envelope e, SessionDeviceFacts facts, JsonElement payload)
    {
        var rows = new List<Er7Segment> { Obr(e, 1, "182777000^monitoring of patient^SCT"), DeviceRow(1, "69965^MDC_DEV_MON_PHYSIO_MULTI_PARAM_MDS^MDC", e.DeviceId) };
        void Add(string? value, string code, string hierarchy, string unit)
        {
            if (value is not null)
            {
                rows.Add(Obx(rows.Count, "NM", code, hierarchy, value, unit));
            }
        }

        Add(Number(payload, "heartRateBpm"), "147842^MDC_ECG_CARD_BEAT_RATE^MDC", "1.1.1.1", "264864^MDC_DIM_BEAT_PER_MIN^MDC");
        Add(Number(payload, "systolicMmHg"), "150021^MDC_PRESS_BLD_NONINV_SYS^MDC", "1.1.2.1", "266016^MDC_DIM_MMHG^MDC");
        Add(Number(payload, "diastolicMmHg"), "150022^MDC_PRESS_BLD_NONINV_DIA^MDC", "1.1.2.2", "266016^MDC_DIM_MMHG^MDC");
        if (Number(payload, "systolicMmHg") is not null && Number(payload, "diastolicMmHg") is not null)
        {
            // A cuff reports the mean pressure with the pair; the backend reads and unit-checks it but has no field for it.
            var mean = Math.Round((payload.GetProperty("systolicMmHg").GetDouble() + (2 * payload.GetProperty("diastolicMmHg").GetDouble())) / 3);
            Add(mean.ToString(CultureInfo.InvariantCulture), "150023^MDC_PRESS_BLD_NONINV_MEAN^MDC", "1.1.2.3", "266016^MDC_DIM_MMHG^MDC");
        }

        Add(Number(payload, "spo2Percent"), "150456^MDC_PULS_OXIM_SAT_O2^MDC", "1.1.3.1", "262688^MDC_DIM_PERCENT^MDC");
        Add(Number(payload, "respiratoryRatePerMin"), "151562^MDC_RESP_RATE^MDC", "1.1.4.1", "264928^MDC_DIM_RESP_PER_MIN^MDC");
        var known = new[] { "heartRateBpm", "systolicMmHg", "diastolicMmHg", "spo2Percent", "respiratoryRatePerMin" };
        // A reading with a field HL7 would not carry (or none at all) stays JSON rather than arrive changed.
        return payload.EnumerateObject().All(p => known.Contains(p.Name) && p.Value.ValueKind == JsonValueKind.Number) && rows.Count > 2
            ? Message(e, facts, "R01", Pcd01Profile, rows)
            : null;
    }

    private static string PumpTotal(Envelope e, SessionDeviceFacts facts, string volume) =>
        Message(e, facts, "R01", Pcd01Profile,
        [
            Obr(e, 1, "0^MDC_OBS_NOS^MDC"),
            DeviceRow(1, "69985^MDC_DEV_PUMP_INFUS_MDS^MDC", e.DeviceId),
            Obx(2, "NM", "157993^MDC_VOL_FLUID_DELIV_TOTAL^MDC", "1.1.1.105", volume, "263762^MDC_DIM_MILLI_L^MDC"),
        ]);

    private static string? RateChange(Envelope e, SessionDeviceFacts facts, JsonElement payload)
    {
        if (payload.EnumerateObject().Count() != 1 || Rate(payload) is not { } rate)
        {
            return null;
        }

        // The pump stopped for good (the contract's rate 0): delivery stopped and the program cleared, reported together.
        return rate.Value == 0
            ? PumpEvent(e, facts, [(StopEvent, null, null), (ClearedEvent, null, null)])
            : PumpEvent(e, facts, [(StartEvent, rate.Field, Number(payload, rate.Field)!)]);
    }

    private static string PumpEvent(Envelope e, SessionDeviceFacts facts, IReadOnlyList<(string Event, string? RateField, string? Rate)> groups)
    {
        var rows = new List<Er7Segment>();
        for (var g = 0; g < groups.Count; g++)
        {
            var (mdcEvent, rateField, rate) = groups[g];
            rows.Add(Obr(e, g + 1, "0^MDC_OBS_NOS^MDC"));
            var set = 1;
            rows.Add(DeviceRow(set++, "69985^MDC_DEV_PUMP_INFUS_MDS^MDC", e.DeviceId));
            // As the IPEC sample message writes them: the event condition's code pending (0), the start by its code
            // 197288; the text gives no code for the other events, so they go as 0 with their reference id.
            rows.Add(Segment("OBX", F((set++).ToString(CultureInfo.InvariantCulture)), F("CWE"), Coded("0^MDC_ATTR_EVT_COND^MDC"), F("1.1.1.100"), F(mdcEvent == StartEvent ? "197288" : "0", mdcEvent, "MDC"), F(""), F(""), F(""), F(""), F(""), F("R")));
            if (rate is not null)
            {
                rows.Add(rateField == "rateMlPerHour"
                    ? Obx(set, "NM", "157784^MDC_FLOW_FLUID_PUMP^MDC", "1.1.1.102", rate, "265266^MDC_DIM_MILLI_L_PER_HR^MDC")
                    : Obx(set, "NM", "157924^MDC_RATE_DOSE^MDC", "1.1.1.102", rate, "mg/kg/h^mg/kg/h^UCUM"));
            }
        }

        return Message(e, facts, "R42", Pcd10Profile, rows);
    }
}
