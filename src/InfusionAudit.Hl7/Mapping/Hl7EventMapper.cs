using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using InfusionAudit.Hl7.Er7;

namespace InfusionAudit.Hl7.Mapping;

/// <summary>
/// Maps IHE PCD-01 (<c>ORU^R01</c>: vitals; a pump's volume delivered) and PCD-10 (<c>ORU^R42</c>: infusion pump
/// events) messages to contract events. Each OBR opens an observation group; device rows (MDS / VMD / CHAN) are
/// skipped; readings are matched by their MDC code in OBX-3 and converted from the unit in OBX-6, which must be one
/// the table knows (a missing or unknown unit is an error, never assumed). docs/hl7v2.md says what maps to what.
/// </summary>
public static class Hl7EventMapper
{
    public const string Vitals = "R01";
    public const string PumpEvent = "R42";

    public static Hl7Mapping Map(Er7Message message, Hl7MappingOptions options)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(options);
        var state = new MappingState(message, options);
        try
        {
            return state.Run();
        }
        catch (MappingException failure)
        {
            return new Hl7Mapping(null, 0, failure.Problem, state.ClinicId, state.SessionId, state.PatientId);
        }
    }

    /// <summary>The event id: deterministic in the device, MSH-10 and the event's place in the message, so a resent message is a duplicate.</summary>
    public static string EventId(string deviceId, string controlId, int index)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{deviceId.Length}:{deviceId}|{controlId.Length}:{controlId}|{index}"));
        return "hl7-" + Convert.ToHexStringLower(digest)[..40];
    }

    private sealed class MappingException(Hl7Problem problem) : Exception(problem.Text)
    {
        public Hl7Problem Problem { get; } = problem;
    }

    private sealed record MappedEvent(string Type, DateTimeOffset At, (string Name, object Value)[] Payload);

    private sealed record Reading(double Value, MdcMetric Metric, MdcUnit Unit, Er7Segment Row, int Sequence);

    private sealed record Group(Er7Segment Obr, int Sequence, List<(Er7Segment Obx, int Sequence)> Rows);

    private sealed class MappingState(Er7Message message, Hl7MappingOptions options)
    {
        public string? ClinicId { get; private set; }

        public string? SessionId { get; private set; }

        public string? PatientId { get; private set; }

        public Hl7Mapping Run()
        {
            var header = Hl7MessageHeader.From(message);
            CheckHeader(header);
            ClinicId = Required(options.ClinicIdFields, "the clinic");
            SessionId = Required(options.SessionIdFields, "the session");
            var deviceId = Required(options.DeviceIdFields, "the device");
            PatientId = Optional(options.PatientIdFields);
            var sequenceText = message.Header.Value(13);
            if (!long.TryParse(sequenceText, NumberStyles.None, CultureInfo.InvariantCulture, out var firstSequence))
            {
                throw Error("MSH", 1, 13, null, sequenceText.Length == 0 ? Hl7Problem.RequiredFieldMissing : Hl7Problem.DataTypeError,
                    "MSH-13 (sequence number) must hold a whole number ≥ 0: it is the contract's sequence of the message's first event.");
            }

            var groups = Groups();
            var events = new List<MappedEvent>();
            for (var g = 0; g < groups.Count; g++)
            {
                if (header.TriggerEvent == Vitals)
                {
                    MapVitals(groups[g], events);
                }
                else
                {
                    MapPumpEvent(groups[g], g + 1 < groups.Count ? groups[g + 1] : null, events);
                }
            }

            if (events.Count == 0)
            {
                throw Error("OBX", null, 3, null, Hl7Problem.TableValueNotFound,
                    "The message holds no observation this backend maps (docs/hl7v2.md lists the MDC codes read); it was not stored as events.");
            }

            return new Hl7Mapping(Write(events, header.ControlId, deviceId, firstSequence), events.Count, null, ClinicId, SessionId, PatientId);
        }

        private void CheckHeader(Hl7MessageHeader header)
        {
            if (header.MessageCode != "ORU" || header.TriggerEvent is not (Vitals or PumpEvent))
            {
                throw Reject(9, Hl7Problem.UnsupportedMessageType, "MSH-9 must be ORU^R01 (IHE PCD-01) or ORU^R42 (IHE PCD-10).");
            }

            if (header.ControlId.Length == 0)
            {
                throw Reject(10, Hl7Problem.RequiredFieldMissing, "MSH-10 (message control id) is required: it is the idempotency key.");
            }

            if (!header.Version.StartsWith("2.", StringComparison.Ordinal))
            {
                throw Reject(12, Hl7Problem.UnsupportedVersion, "MSH-12 must name an HL7 version 2.x (IHE PCD uses 2.6).");
            }

            if (message.Header.Value(18) is { Length: > 0 } charset && charset is not ("ASCII" or "UNICODE UTF-8" or "UNICODE"))
            {
                throw Reject(18, Hl7Problem.TableValueNotFound, "MSH-18 must be empty, ASCII or UNICODE UTF-8: messages are read as UTF-8.");
            }
        }

        private static MappingException Reject(int field, int code, string text) => new(Hl7Problem.Reject("MSH", 1, field, code, text));

        private static MappingException Error(string segment, int? sequence, int? field, int? component, int code, string text) =>
            new(Hl7Problem.Error(segment, sequence, field, component, code, text));

        private string Required(string locations, string what) =>
            Optional(locations) ?? throw MissingIdentity(locations, what);

        private MappingException MissingIdentity(string locations, string what)
        {
            var first = Hl7MappingOptions.Locations(locations)[0];
            return Error(first.Segment, message.First(first.Segment)?.Sequence, first.Field, first.Component, Hl7Problem.RequiredFieldMissing,
                $"No value for {what} at {string.Join(", ", Hl7MappingOptions.Locations(locations))} (InfusionAudit:Hl7 mapping, docs/hl7v2.md).");
        }

        private string? Optional(string locations)
        {
            foreach (var location in Hl7MappingOptions.Locations(locations))
            {
                if (location.Read(message) is { } found)
                {
                    return found.Value;
                }
            }

            return null;
        }

        private List<Group> Groups()
        {
            var groups = new List<Group>();
            for (var i = 0; i < message.Segments.Count; i++)
            {
                var segment = message.Segments[i];
                if (segment.Id == "OBR")
                {
                    groups.Add(new Group(segment, i + 1, []));
                }
                else if (segment.Id == "OBX")
                {
                    if (groups.Count == 0)
                    {
                        throw Error("OBX", i + 1, null, null, Hl7Problem.SegmentSequenceError, "An OBX before any OBR: each observation belongs to an OBR.");
                    }

                    groups[^1].Rows.Add((segment, i + 1));
                }
            }

            return groups;
        }

        private DateTimeOffset GroupTime(Group group)
        {
            var (segment, sequence, field) = group.Obr.Value(7).Length > 0 ? ("OBR", group.Sequence, 7) : ("MSH", 1, 7);
            var text = segment == "OBR" ? group.Obr.Value(7) : message.Header.Value(7);
            if (!Hl7Timestamp.TryParse(text, options.DefaultUtcOffsetMinutes, out var at, out var why))
            {
                throw Error(segment, sequence, field, 1, text.Length == 0 ? Hl7Problem.RequiredFieldMissing : Hl7Problem.DataTypeError, $"{segment}-{field}: {why}");
            }

            return at;
        }

        private static bool IsDeviceRow(Er7Segment obx)
        {
            var hierarchy = obx.Value(4).Split('.');
            return (hierarchy.Length == 4 && hierarchy[3] == "0") || (obx.Value(2).Length == 0 && obx.Field(5).IsEmpty);
        }

        private static bool Matches(Er7Segment obx, int code, string referenceId) =>
            string.Equals(obx.Value(3, 2), referenceId, StringComparison.Ordinal)
            || (obx.Value(3, 3) == "MDC" && obx.Value(3, 1) == code.ToString(CultureInfo.InvariantCulture));

        // The metric an OBX-3 names by its code or by its reference id. When the two name different metrics, the row
        // is refused: reading it as either could take a dose rate for a flow or a total for a rate.
        private static MdcMetric? MetricOf(Er7Segment obx, int sequence)
        {
            var code = obx.Value(3, 1);
            var name = obx.Value(3, 2);
            var byCode = obx.Value(3, 3) == "MDC" ? MdcNomenclature.Metrics.FirstOrDefault(m => code == m.Code.ToString(CultureInfo.InvariantCulture)) : null;
            var byName = name.Length > 0 ? MdcNomenclature.Metrics.FirstOrDefault(m => m.IsNamed(name)) : null;
            if (byCode is not null && byName is not null && byCode != byName)
            {
                throw Error("OBX", sequence, 3, null, Hl7Problem.TableValueNotFound,
                    $"OBX-3 names two terms: code {code} is {byCode.ReferenceId}, but the reference id is {name} (code {byName.Code}).");
            }

            return byCode ?? byName;
        }

        private static Dictionary<MdcMetric, Reading> Readings(Group group)
        {
            var readings = new Dictionary<MdcMetric, Reading>();
            foreach (var (obx, sequence) in group.Rows)
            {
                if (IsDeviceRow(obx) || obx.Value(11) == "X")
                {
                    continue;
                }

                var metric = MetricOf(obx, sequence);
                if (metric is null)
                {
                    continue;
                }

                if (obx.Value(2) != "NM")
                {
                    throw Error("OBX", sequence, 2, null, Hl7Problem.DataTypeError, $"OBX-2 must be NM for {metric.ReferenceId} (a number).");
                }

                var text = obx.Value(5);
                if (!double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                {
                    throw Error("OBX", sequence, 5, 1, text.Length == 0 ? Hl7Problem.RequiredFieldMissing : Hl7Problem.DataTypeError, $"OBX-5 of {metric.ReferenceId} must be a decimal number.");
                }

                var unit = UnitOf(obx, sequence, metric);
                if (!readings.TryAdd(metric, new Reading(value * unit.ToContract, metric, unit, obx, sequence)))
                {
                    throw Error("OBX", sequence, 3, null, Hl7Problem.DataTypeError, $"A second {metric.ReferenceId} in the observation group of OBR[{group.Sequence}].");
                }
            }

            return readings;
        }

        private static MdcUnit UnitOf(Er7Segment obx, int sequence, MdcMetric metric)
        {
            var accepted = MdcNomenclature.Units.Where(u => u.Quantity == metric.Quantity || (metric.Quantity == MdcQuantity.WeightDoseRate && u.Quantity == MdcQuantity.MassRate)).ToList();
            var field = obx.Field(6);
            var named = new HashSet<MdcUnit>();
            for (var start = 1; start <= 4; start += 3)
            {
                var (identifier, text, system) = (field.Value(start), field.Value(start + 1), field.Value(start + 2));
                named.UnionWith(MdcNomenclature.Units.Where(u =>
                    (system == "UCUM" && string.Equals(identifier, u.Ucum, StringComparison.Ordinal))
                    || (system == "MDC" && u.Code is { } code && identifier == code.ToString(CultureInfo.InvariantCulture))
                    || (u.ReferenceId is not null && string.Equals(text, u.ReferenceId, StringComparison.Ordinal))));
            }

            // "/min" is both beats and breaths per minute: a unit of another quantity only counts when it is another unit.
            var kept = named.Where(accepted.Contains).ToList();
            var foreign = named.Where(u => !accepted.Contains(u) && !kept.Any(k => k.Ucum == u.Ucum)).ToList();
            if (kept.Count > 0 && foreign.Count == 0 && kept.Select(u => (u.Quantity, u.ToContract)).Distinct().Count() == 1)
            {
                return kept[0];
            }

            var allowed = string.Join(", ", accepted.Select(u => u.Ucum).Distinct());
            throw Error("OBX", sequence, 6, null, field.IsEmpty ? Hl7Problem.RequiredFieldMissing : Hl7Problem.TableValueNotFound,
                kept.Count == 0 || foreign.Count > 0 && kept.Count > 0 && named.Count == foreign.Count
                    ? $"OBX-6 of {metric.ReferenceId} must name its unit (UCUM {allowed}, or the MDC unit); a unit not in the table, or of another quantity, is refused, never assumed."
                    : $"OBX-6 of {metric.ReferenceId} names two different units.");
        }

        private void MapVitals(Group group, List<MappedEvent> events)
        {
            var readings = Readings(group);
            if (readings.Count == 0)
            {
                return;
            }

            // The report's own time first: a broken OBR-7 is named before any OBX-14.
            var reported = GroupTime(group);

            // One event per observation time: a periodic report's readings share OBR-7, an episodic one (a cuff's) keeps
            // the time it was taken, which may be minutes or hours older (TF-2, OBR-7 and OBX-14).
            var byTime = new SortedDictionary<DateTimeOffset, List<(string, object)>>();
            foreach (var (metric, name) in VitalsFields)
            {
                if (readings.TryGetValue(metric, out var reading))
                {
                    var at = TimeOf(group, reading.Row, reading.Sequence, reported);
                    if (!byTime.TryGetValue(at, out var payload))
                    {
                        byTime[at] = payload = [];
                    }

                    payload.Add((name, reading.Value));
                }
            }

            foreach (var (at, payload) in byTime)
            {
                events.Add(new MappedEvent("VitalsRecorded", at, WithPatient(payload)));
            }

            if (readings.TryGetValue(MdcNomenclature.VolumeDelivered, out var volume))
            {
                events.Add(new MappedEvent("PumpTotalReported", TimeOf(group, volume.Row, volume.Sequence, reported), WithPatient([("volumeInfusedMl", volume.Value)])));
            }
        }

        private static readonly (MdcMetric Metric, string Field)[] VitalsFields =
        [
            (MdcNomenclature.HeartRate, "heartRateBpm"),
            (MdcNomenclature.NibpSystolic, "systolicMmHg"),
            (MdcNomenclature.NibpDiastolic, "diastolicMmHg"),
            (MdcNomenclature.Spo2, "spo2Percent"),
            (MdcNomenclature.RespiratoryRate, "respiratoryRatePerMin"),
        ];

        // TF-2 (OBX-14): a metric's own OBX-14, else that of its nearest ancestor in the MDS-VMD-channel hierarchy of
        // OBX-4 (a channel's time is the default of its metrics), else the group's OBR-7.
        private DateTimeOffset TimeOf(Group group, Er7Segment obx, int obxSequence, DateTimeOffset reported)
        {
            if (Obx14(obx, obxSequence) is { } own)
            {
                return own;
            }

            var parts = obx.Value(4).Split('.');
            if (parts.Length == 4)
            {
                for (var kept = 3; kept >= 1; kept--)
                {
                    var ancestor = string.Join('.', parts.Take(kept).Concat(Enumerable.Repeat("0", 4 - kept)));
                    foreach (var (row, sequence) in group.Rows)
                    {
                        if (row.Value(4) == ancestor && !ReferenceEquals(row, obx) && Obx14(row, sequence) is { } inherited)
                        {
                            return inherited;
                        }
                    }
                }
            }

            return reported;
        }

        private DateTimeOffset? Obx14(Er7Segment obx, int sequence)
        {
            var text = obx.Value(14);
            if (text.Length == 0)
            {
                return null;
            }

            return Hl7Timestamp.TryParse(text, options.DefaultUtcOffsetMinutes, out var at, out var why)
                ? at
                : throw Error("OBX", sequence, 14, 1, Hl7Problem.DataTypeError, $"OBX-14: {why}");
        }

        private static (Er7Segment Obx, int Sequence)? EventRow(Group group)
        {
            foreach (var row in group.Rows)
            {
                if (Matches(row.Obx, MdcNomenclature.EventConditionCode, MdcNomenclature.EventConditionReferenceId))
                {
                    return row;
                }
            }

            return null;
        }

        private static string? EventOf(Group group)
        {
            if (EventRow(group) is not var (obx, sequence))
            {
                return null;
            }

            var (code, name) = (obx.Value(5, 1), obx.Value(5, 2));
            if (obx.Value(5, 3) == "MDC" && code == MdcNomenclature.DeliveryStartCode.ToString(CultureInfo.InvariantCulture))
            {
                return name.Length == 0 || name == MdcNomenclature.DeliveryStart
                    ? MdcNomenclature.DeliveryStart
                    : throw Error("OBX", sequence, 5, null, Hl7Problem.TableValueNotFound,
                        $"OBX-5 names two events: code {code} is {MdcNomenclature.DeliveryStart}, but the reference id is {name}.");
            }

            return name.Length > 0 ? name : code;
        }

        // IPEC's "Current Delivery Status" of the active source (its code is pending: read by reference id), as its
        // enumerated value in OBX-5.2, or in OBX-5.1 when a pump puts it there.
        private static bool IsTransitioning(Group group) =>
            group.Rows.Any(row => row.Obx.Value(3, 2) == MdcNomenclature.DeliveryStatus
                && (row.Obx.Value(5, 2) == MdcNomenclature.Transitioning || row.Obx.Value(5, 1) == MdcNomenclature.Transitioning));

        private void MapPumpEvent(Group group, Group? next, List<MappedEvent> events)
        {
            var readings = Readings(group);
            // The event's time: its event row's OBX-14 (or an ancestor's), else OBR-7, as for any observation (TF-2).
            var reported = GroupTime(group);
            var at = EventRow(group) is var (eventObx, eventSequence) ? TimeOf(group, eventObx, eventSequence, reported) : reported;

            // The pump's total goes first: at a completion it belongs to the session it ends, not after its end.
            if (readings.TryGetValue(MdcNomenclature.VolumeDelivered, out var volume))
            {
                events.Add(new MappedEvent("PumpTotalReported", at, WithPatient([("volumeInfusedMl", volume.Value)])));
            }

            switch (EventOf(group))
            {
                case MdcNomenclature.DeliveryStart:
                    events.Add(new MappedEvent("InfusionRateChanged", at, WithPatient([Rate(group, readings)])));
                    break;
                case MdcNomenclature.DeliveryStop when next is not null && EventOf(next) is MdcNomenclature.DeliveryStart or MdcNomenclature.ProgramCleared:
                    // A titration (STOP then START) or an infusion stopped for good (STOP then the program cleared): one
                    // event, the next group's, says it all; a pause here would be judged by PAUSE-LONG while none is.
                    break;
                case MdcNomenclature.DeliveryStop when IsTransitioning(group):
                    // The first half of a titration sent alone, as IPEC sends every event: the pump still delivers the old
                    // rate it reports until the START with the new one. A pause here would stop the dose integral between.
                    events.Add(new MappedEvent("InfusionRateChanged", at, WithPatient([Rate(group, readings)])));
                    break;
                case MdcNomenclature.ProgramCleared:
                    // The contract's "stopped": a rate of 0 (unit-free in meaning; mL/h is the pump's own unit).
                    events.Add(new MappedEvent("InfusionRateChanged", at, WithPatient([("rateMlPerHour", 0.0)])));
                    break;
                case MdcNomenclature.DeliveryStop:
                    events.Add(new MappedEvent("InfusionPaused", at, WithPatient([("reason", "pump delivery stopped (MDC_EVT_PUMP_DELIV_STOP)")])));
                    break;
                case MdcNomenclature.DeliveryComplete:
                    events.Add(new MappedEvent("SessionEnded", at, WithPatient([("reason", "completed")])));
                    break;
                case null:
                    throw Error("OBR", group.Sequence, null, null, Hl7Problem.RequiredFieldMissing,
                        $"OBR[{group.Sequence}] has no event row (OBX-3 {MdcNomenclature.EventConditionCode}^{MdcNomenclature.EventConditionReferenceId}): each OBR of PCD-10 reports one event.");
                default:
                    break;
            }

        }

        private static (string, object) Rate(Group group, Dictionary<MdcMetric, Reading> readings)
        {
            if (readings.TryGetValue(MdcNomenclature.PumpFlowRate, out var flow))
            {
                return ("rateMlPerHour", flow.Value);
            }

            if (readings.TryGetValue(MdcNomenclature.DoseRate, out var dose))
            {
                if (dose.Unit.Quantity == MdcQuantity.WeightDoseRate)
                {
                    return ("rateMgPerKgPerHour", dose.Value);
                }

                if (!readings.TryGetValue(MdcNomenclature.PatientWeight, out var weight) || weight.Value <= 0)
                {
                    throw Error("OBX", dose.Sequence, 6, null, Hl7Problem.RequiredFieldMissing,
                        $"A dose rate in mg/h needs the patient weight ({MdcNomenclature.PatientWeight.Code}^{MdcNomenclature.PatientWeight.ReferenceId}) in the same OBR to become mg/kg/h.");
                }

                return ("rateMgPerKgPerHour", dose.Value / weight.Value);
            }

            throw Error("OBR", group.Sequence, null, null, Hl7Problem.RequiredFieldMissing,
                $"A delivery start, or a stop while transitioning to a new rate, needs a rate: {MdcNomenclature.PumpFlowRate.Code}^{MdcNomenclature.PumpFlowRate.ReferenceId} (mL/h) or {MdcNomenclature.DoseRate.Code}^{MdcNomenclature.DoseRate.ReferenceId}.");
        }

        // The patient identifier travels as the payload's patientRef: the ingestion path replaces it by its keyed hash
        // in everything it stores (RawTextRedactor), and the engine ignores it on these event types.
        private (string Name, object Value)[] WithPatient(List<(string, object)> payload) =>
            PatientId is { } patient ? [.. payload, ("patientRef", patient)] : [.. payload];

        private string Write(List<MappedEvent> events, string controlId, string deviceId, long firstSequence)
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartArray();
                for (var i = 0; i < events.Count; i++)
                {
                    var e = events[i];
                    json.WriteStartObject();
                    json.WriteNumber("schemaVersion", 1);
                    json.WriteString("eventId", EventId(deviceId, controlId, i));
                    json.WriteString("type", e.Type);
                    json.WriteString("sessionId", SessionId);
                    json.WriteString("clinicId", ClinicId);
                    json.WriteString("deviceId", deviceId);
                    json.WriteNumber("sequence", firstSequence + i);
                    json.WriteString("occurredAt", Hl7Timestamp.ToRfc3339(e.At));
                    json.WriteStartObject("payload");
                    foreach (var (name, value) in e.Payload)
                    {
                        if (value is double number)
                        {
                            json.WriteNumber(name, number);
                        }
                        else
                        {
                            json.WriteString(name, (string)value);
                        }
                    }

                    json.WriteEndObject();
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
    }
}
