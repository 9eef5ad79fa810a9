using System.Text.Json;
using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Protocols;
using InfusionAudit.Domain.Rules;
using InfusionAudit.Domain.Sessions;
using InfusionAudit.Domain.Units;

namespace InfusionAudit.Domain.Rems;

/// <summary>
/// Fills the esketamine REMS Patient Monitoring Form from one session's events: a pure function of the set of events and
/// the protocol, on the same de-duplicated, time-ordered and folded timeline the rules judge (so "the first device" and
/// "a plausible blood pressure" mean here what they mean in <c>VITALS-BP-40MIN-MISSING</c>). What the record cannot fill
/// is listed, never left blank silently.
/// </summary>
public static class RemsMonitoringFormAssembler
{
    /// <summary>True when sessions of <paramref name="protocol"/> are reported on the form (protocol field <c>remsMonitoringForm</c>).</summary>
    public static bool AppliesTo(ProtocolDefinition? protocol) => protocol is { RemsMonitoringForm: true };

    /// <summary>The form of one session.</summary>
    /// <param name="state">The session's folded state (ids, status, judged protocol version).</param>
    /// <param name="events">The session's stored events, any order, duplicates allowed.</param>
    /// <param name="protocol">The protocol the session was judged against; it must carry the form (<see cref="AppliesTo"/>).</param>
    /// <exception cref="ArgumentException">The protocol does not carry the form.</exception>
    public static RemsMonitoringForm Assemble(SessionState state, IReadOnlyCollection<StoredEvent> events, ProtocolDefinition protocol)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(events);
        if (!AppliesTo(protocol))
        {
            throw new ArgumentException($"Protocol {protocol?.Id} v{protocol?.Version} is not reported on the REMS monitoring form.", nameof(protocol));
        }

        var missing = new List<RemsMissingField>();
        var devices = new List<RemsDeviceDose>();
        var lots = new List<string>();
        RemsBloodPressure? beforeDosing = null, at40 = null, beforeDischarge = null;
        DateTimeOffset? firstDeviceAt = null, endedAt = null, readyAt = null;
        double? monitoringMin = null;
        IReadOnlyList<MedicineClass>? medicines = null;
        var observed = new Dictionary<AdverseEffect, (DateTimeOffset First, AdverseEffectSeverity Worst)>();

        if (events.Count > 0)
        {
            using var timeline = SessionTimeline.Build(events);
            timeline.Fold(FoldLimits.Of(protocol));
            var entries = timeline.Entries;
            var plausible = protocol.Vitals.Plausible;
            var firstDose = FirstDevice(entries);
            var firstTicks = firstDose >= 0 ? entries[firstDose].OccurredTicks : 0;
            for (var i = 0; i < entries.Length; i++)
            {
                switch (entries[i].Event.Payload)
                {
                    case DoseAdministeredPayload dose:
                        devices.Add(new RemsDeviceDose(entries[i].Event.OccurredAt, dose.Dose.Milligrams, dose.LotNumber));
                        if (dose.LotNumber is { } lot && !lots.Contains(lot, StringComparer.Ordinal))
                        {
                            lots.Add(lot);
                        }

                        break;
                    case VitalsRecordedPayload vitals when firstDose >= 0 && Pressure(vitals, plausible) is { } bp:
                        var reading = new RemsBloodPressure(entries[i].Event.OccurredAt, bp.Systolic, bp.Diastolic, Text.Minutes(entries[i].OccurredTicks - firstTicks));
                        if (i < firstDose)
                        {
                            beforeDosing = reading;
                        }
                        else if (i < timeline.DischargeIndex)
                        {
                            beforeDischarge = reading;
                        }

                        break;
                    case AdverseEffectObservedPayload effect when effect.Effect is AdverseEffect.Sedation or AdverseEffect.Dissociation or AdverseEffect.RespiratoryDepression:
                        observed[effect.Effect] = observed.TryGetValue(effect.Effect, out var seen)
                            ? (seen.First, effect.Severity > seen.Worst ? effect.Severity : seen.Worst)
                            : (entries[i].Event.OccurredAt, effect.Severity);
                        break;
                }
            }

            if (firstDose >= 0)
            {
                firstDeviceAt = entries[firstDose].Event.OccurredAt;
                at40 = At40Minutes(timeline, protocol, firstTicks);
            }

            if (timeline.DischargeIndex >= 0)
            {
                var discharge = entries[timeline.DischargeIndex];
                endedAt = discharge.Event.OccurredAt;
                readyAt = ((PatientDischargedPayload)discharge.Event.Payload).ReadyToLeaveAt;
                monitoringMin = firstDose >= 0 ? Text.Minutes(discharge.OccurredTicks - firstTicks) : null;
            }

            if (timeline.ScreeningIndex >= 0)
            {
                medicines = ((ScreeningRecordedPayload)entries[timeline.ScreeningIndex].Event.Payload).ConcomitantMedicineClasses;
            }
        }

        // In the order of the form.
        if (devices.Count == 0)
        {
            missing.Add(new("devices", "no DoseAdministered is recorded"));
        }

        for (var i = 0; i < devices.Count; i++)
        {
            if (devices[i].LotNumber is null)
            {
                missing.Add(new($"devices[{i}].lotNumber", $"the device given at {Text.Time(devices[i].At)} has no lotNumber"));
            }
        }

        if (firstDeviceAt is null)
        {
            missing.Add(new("firstDeviceAt", "no device was given"));
        }

        const string NoDischarge = "no PatientDischarged is recorded";
        if (endedAt is null)
        {
            missing.Add(new("monitoringEndedAt", NoDischarge));
        }

        if (monitoringMin is null)
        {
            missing.Add(new("totalMonitoringMin", endedAt is null ? NoDischarge : "no device was given"));
        }

        if (readyAt is null)
        {
            missing.Add(new("readyToLeaveAt", endedAt is null ? NoDischarge : "the PatientDischarged has no readyToLeaveAt"));
        }

        if (beforeDosing is null)
        {
            missing.Add(new("bloodPressureBeforeDosing", firstDeviceAt is null ? "no device was given" : "no plausible blood pressure before the first device"));
        }

        if (at40 is null)
        {
            var window = protocol.Vitals.BpAfterFirstDose;
            missing.Add(new("bloodPressureAt40Minutes", firstDeviceAt is null ? "no device was given"
                : window is { } w ? $"no plausible blood pressure {Text.Number(w.Min.TotalMinutes, ShownPrecision.Minutes)}–{Text.Number(w.Max.TotalMinutes, ShownPrecision.Minutes)} min after the first device"
                : "the protocol defines no window after the first dose (vitals.bpAfterFirstDose)"));
        }

        if (beforeDischarge is null)
        {
            missing.Add(new("bloodPressureBeforeDischarge", firstDeviceAt is null ? "no device was given"
                : endedAt is null ? NoDischarge : "no plausible blood pressure between the first device and the discharge"));
        }

        if (medicines is null)
        {
            missing.Add(new("concomitantMedicineClasses", "no ScreeningRecorded is recorded"));
        }

        return new RemsMonitoringForm(
            state.SessionId,
            state.ClinicId,
            protocol.Id,
            protocol.Version,
            JsonNamingPolicy.CamelCase.ConvertName(state.Status.ToString()),
            devices,
            devices.Count,
            devices.Sum(d => d.DoseMg),
            lots,
            firstDeviceAt,
            endedAt,
            monitoringMin,
            readyAt,
            beforeDosing,
            at40,
            beforeDischarge,
            Observation(observed, AdverseEffect.Sedation),
            Observation(observed, AdverseEffect.Dissociation),
            Observation(observed, AdverseEffect.RespiratoryDepression),
            medicines,
            missing.Count == 0,
            missing);
    }

    /// <summary>The first <c>DoseAdministered</c> on the timeline: a nasal device is the only dose of the form's protocols.</summary>
    private static int FirstDevice(ReadOnlySpan<TimelineEntry> entries)
    {
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i].Event.Payload is DoseAdministeredPayload)
            {
                return i;
            }
        }

        return -1;
    }

    private static RemsBloodPressure? At40Minutes(SessionTimeline timeline, ProtocolDefinition protocol, long firstTicks)
    {
        if (BloodPressureAfterFirstDoseWindow.Of(timeline, protocol) is not { } window)
        {
            return null;
        }

        var entries = timeline.Entries;
        var middle = window.FromTicks + ((window.ToTicks - window.FromTicks) / 2);
        var best = -1;
        for (var i = window.NextReading(entries, window.FirstDoseIndex, protocol.Vitals.Plausible); i >= 0; i = window.NextReading(entries, i + 1, protocol.Vitals.Plausible))
        {
            if (best < 0 || Math.Abs(entries[i].OccurredTicks - middle) < Math.Abs(entries[best].OccurredTicks - middle))
            {
                best = i;
            }
        }

        if (best < 0)
        {
            return null;
        }

        var bp = Pressure((VitalsRecordedPayload)entries[best].Event.Payload, protocol.Vitals.Plausible)!.Value;
        return new RemsBloodPressure(entries[best].Event.OccurredAt, bp.Systolic, bp.Diastolic, Text.Minutes(entries[best].OccurredTicks - firstTicks));
    }

    private static (double Systolic, double Diastolic)? Pressure(VitalsRecordedPayload vitals, VitalsPlausibility plausible)
    {
        var reading = VitalsReading.Of(vitals, plausible);
        return double.IsNaN(reading.SystolicMmHg) || double.IsNaN(reading.DiastolicMmHg) ? null : (reading.SystolicMmHg, reading.DiastolicMmHg);
    }

    private static RemsObservation Observation(Dictionary<AdverseEffect, (DateTimeOffset First, AdverseEffectSeverity Worst)> observed, AdverseEffect effect) =>
        observed.TryGetValue(effect, out var seen)
            ? new RemsObservation(true, seen.First, JsonNamingPolicy.CamelCase.ConvertName(seen.Worst.ToString()))
            : RemsObservation.None;

    /// <summary>The missing fields as the clinic index keeps them: names joined by ',' ("" when the form is complete).</summary>
    public static string MissingFieldNames(RemsMonitoringForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return string.Join(',', form.Missing.Select(m => m.Field));
    }
}
