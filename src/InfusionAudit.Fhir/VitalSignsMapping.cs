using System.Text.Json;
using Hl7.Fhir.Model;
using InfusionAudit.Application.Sessions;
using InfusionAudit.Domain.Contract;
using InfusionAudit.Hl7.Mapping;

namespace InfusionAudit.Fhir;

/// <summary>
/// Each <c>VitalsRecorded</c> reading as vital-sign <c>Observation</c>s of the R4 vital-signs profiles: heart rate
/// (LOINC 8867-4), the blood pressure panel (85354-9, components 8480-6 systolic and 8462-4 diastolic), oxygen
/// saturation (2708-6), respiratory rate (9279-1), each with its MDC code beside the LOINC one (the codes the HL7 v2
/// intake reads, <see cref="MdcNomenclature"/>; not on the pressure components, see <see cref="LoincOnly"/>). The value is the device's number as sent. A pressure sent with one
/// side only keeps the panel the profile requires, the missing side marked <c>unknown</c> (not measured here), never
/// filled in. End-tidal CO2 (contract 1.1) has no R4 vital-sign profile and is not exported.
/// </summary>
internal static class VitalSignsMapping
{
    private static readonly CodeableConcept VitalSignsCategory =
        new(FhirSystems.ObservationCategory, "vital-signs", "Vital Signs");

    public static void Add(SessionResources bundle, IReadOnlyList<SessionEventDocument> events)
    {
        foreach (var e in events.Where(e => e.Type == nameof(EventType.VitalsRecorded)))
        {
            var payload = e.Event.GetProperty("payload");
            Single(bundle, e, payload, "heartRateBpm", "heart-rate", "http://hl7.org/fhir/StructureDefinition/heartrate",
                Code("8867-4", "Heart rate", MdcNomenclature.HeartRate), "beats/minute", "/min");
            Single(bundle, e, payload, "spo2Percent", "oxygen-saturation", "http://hl7.org/fhir/StructureDefinition/oxygensat",
                Code("2708-6", "Oxygen saturation in Arterial blood", MdcNomenclature.Spo2), "%", "%");
            Single(bundle, e, payload, "respiratoryRatePerMin", "respiratory-rate", "http://hl7.org/fhir/StructureDefinition/resprate",
                Code("9279-1", "Respiratory rate", MdcNomenclature.RespiratoryRate), "breaths/minute", "/min");
            BloodPressure(bundle, e, payload);
        }
    }

    private static void Single(SessionResources bundle, SessionEventDocument e, JsonElement payload, string field, string name, string profile, CodeableConcept code, string unit, string ucum)
    {
        if (!payload.TryGetProperty(field, out var number) || number.ValueKind != JsonValueKind.Number)
        {
            return;
        }

        var observation = Observation(bundle, e, name, profile, code);
        if (Quantities.Of(FhirNumbers.FromJson(number), unit, ucum) is { } quantity)
        {
            observation.Value = quantity;
        }
        else
        {
            NotRepresentable(observation, number, unit);
        }

        bundle.Add(observation, e.EventId);
    }

    private static void BloodPressure(SessionResources bundle, SessionEventDocument e, JsonElement payload)
    {
        var systolic = payload.TryGetProperty("systolicMmHg", out var s) && s.ValueKind == JsonValueKind.Number ? s : (JsonElement?)null;
        var diastolic = payload.TryGetProperty("diastolicMmHg", out var d) && d.ValueKind == JsonValueKind.Number ? d : (JsonElement?)null;
        if (systolic is null && diastolic is null)
        {
            return;
        }

        var panel = Observation(bundle, e, "blood-pressure", "http://hl7.org/fhir/StructureDefinition/bp",
            new CodeableConcept(FhirSystems.Loinc, "85354-9", "Blood pressure panel with all children optional", "Blood pressure"));
        panel.Component.Add(Side(systolic, LoincOnly("8480-6", "Systolic blood pressure")));
        panel.Component.Add(Side(diastolic, LoincOnly("8462-4", "Diastolic blood pressure")));
        bundle.Add(panel, e.EventId);
    }

    private static Observation.ComponentComponent Side(JsonElement? number, CodeableConcept code)
    {
        var component = new Observation.ComponentComponent { Code = code };
        if (number is null)
        {
            component.DataAbsentReason = new CodeableConcept(FhirSystems.DataAbsentReason, "unknown", "Unknown", "not sent with this reading");
        }
        else if (Quantities.Of(FhirNumbers.FromJson(number.Value), "mmHg", "mm[Hg]") is { } quantity)
        {
            component.Value = quantity;
        }
        else
        {
            component.DataAbsentReason = new CodeableConcept(FhirSystems.DataAbsentReason, "error", "Error", $"the device sent {number.Value.GetRawText()} mmHg, beyond a FHIR decimal");
        }

        return component;
    }

    private static Observation Observation(SessionResources bundle, SessionEventDocument e, string name, string profile, CodeableConcept code)
    {
        var observation = new Observation
        {
            Id = bundle.IdOf($"observation|{e.EventId}|{name}"),
            Meta = new Meta { Profile = [FhirSystems.VitalSignsProfile, profile] },
            Status = ObservationStatus.Final,
            Category = [VitalSignsCategory],
            Code = code,
            Subject = bundle.Patient,
            Effective = new FhirDateTime(e.OccurredAt),
            Issued = e.ReceivedAt,
        };
        observation.Identifier.Add(new Identifier(FhirSystems.Event, bundle.Scoped($"{e.EventId}#{name}")));
        return observation;
    }

    private static void NotRepresentable(Observation observation, JsonElement number, string unit) =>
        observation.DataAbsentReason = new CodeableConcept(FhirSystems.DataAbsentReason, "error", "Error", $"the device sent {number.GetRawText()} {unit}, beyond a FHIR decimal");

    /// <summary>
    /// The pressure components carry LOINC only: the R4 bp profile slices them by a pattern on <c>code</c>, and the
    /// offline validator (Firely.Fhir.Validation 3.6.0) matches no slice when the code has a second coding, although R4
    /// patterns allow extra codings. MDC 150021/150022 would otherwise stand beside them (docs/fhir.md).
    /// </summary>
    private static CodeableConcept LoincOnly(string loinc, string display) => new(FhirSystems.Loinc, loinc, display, display);

    private static CodeableConcept Code(string loinc, string display, MdcMetric mdc) => new()
    {
        Coding =
        [
            new Coding(FhirSystems.Loinc, loinc, display),
            new Coding(FhirSystems.Mdc, mdc.Code.ToString(System.Globalization.CultureInfo.InvariantCulture), mdc.ReferenceId),
        ],
        Text = display,
    };
}
