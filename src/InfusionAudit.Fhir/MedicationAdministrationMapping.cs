using System.Text.Json;
using Hl7.Fhir.Model;
using InfusionAudit.Application.Sessions;
using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Sessions;

namespace InfusionAudit.Fhir;

/// <summary>
/// What was given, as <c>MedicationAdministration</c>s:
/// <list type="bullet">
/// <item>the infusion, when the pump ran: its period (first running stretch to the session's end), status from the
/// session, route, and as dose the infused amount the session engine integrated from the rate history (omitted, with
/// the reason, when it could not be computed);</item>
/// <item>one per running stretch at one rate (<c>partOf</c> the infusion), with the programmed rate as the pump
/// reported it, <c>mL/h</c> or <c>mg/kg/h</c>, and its period;</item>
/// <item>one per discrete dose (<c>DoseAdministered</c>: bolus, injection, one nasal device), its mg as sent, with
/// its lot in a contained Medication.</item>
/// </list>
/// The medicine is named by the session's protocol (the contract carries no drug code).
/// </summary>
internal static class MedicationAdministrationMapping
{
    public static void Add(SessionResources bundle, SessionState state, IReadOnlyList<SessionEventDocument> events, JsonElement rawState)
    {
        var medicine = new CodeableConcept
        {
            Text = state.ProtocolId is { } protocol
                ? $"medicine of protocol {protocol}" + (state.ProtocolVersion is { } v ? $" (version {v})" : string.Empty)
                : "not known: the session's SessionStarted has not been received",
        };
        var status = StatusOf(state);

        if (state.RateSegments.Count > 0)
        {
            var infusion = new MedicationAdministration
            {
                Id = bundle.IdOf("infusion"),
                Status = status,
                Medication = medicine,
                Subject = bundle.Patient,
                Effective = new Period
                {
                    StartElement = new FhirDateTime(state.RateSegments[0].From),
                    EndElement = state.Status == SessionStatus.Ended && state.EndedAt is { } ended ? new FhirDateTime(ended) : null,
                },
                Dosage = new MedicationAdministration.DosageComponent
                {
                    Text = "Infusion: the rate of each running stretch is on the MedicationAdministrations that are part of this one; the dose is the amount infused, integrated from the rate history.",
                    Route = state.Route is { } route ? RouteCodes.Of(route) : null,
                    Dose = state.InfusedDoseMg is { } mg ? Quantities.Mg(mg) : null,
                },
            };
            infusion.Identifier.Add(new Identifier(FhirSystems.Event, bundle.Scoped("infusion")));
            if (state.EndReason is { } reason && status != MedicationAdministration.MedicationAdministrationStatusCodes.Completed)
            {
                infusion.StatusReason.Add(new CodeableConcept { Text = $"session ended: {JsonNamingPolicy.CamelCase.ConvertName(reason.ToString())}" });
            }

            if (state.InfusedDoseMg is null)
            {
                infusion.Note.Add(new Annotation { Text = "The infused dose could not be computed from the rate history; see the DetectedIssues of rules not evaluated." });
            }

            if (rawState.TryGetProperty("rateSegmentsOmitted", out var omitted) && omitted.TryGetInt32(out var count) && count > 0)
            {
                infusion.Note.Add(new Annotation { Text = $"{count} running stretches between the first {StoredSessionState.MaxListedRateSegments / 2} and the last {StoredSessionState.MaxListedRateSegments / 2} are not listed here (the stored state keeps those); the infused dose counts them all." });
            }

            Keep(infusion);
            var infusionReference = bundle.Add(infusion, StartAndEnd(events));
            bundle.Administrations.Add(infusionReference);
            foreach (var segment in state.RateSegments)
            {
                AddStretch(bundle, segment, infusionReference, medicine, state, status);
            }
        }

        foreach (var dose in events.Where(e => e.Type == nameof(EventType.DoseAdministered)))
        {
            bundle.Administrations.Add(AddDiscrete(bundle, dose, medicine, state));
        }
    }

    private static void AddStretch(SessionResources bundle, RateSegment segment, ResourceReference infusion, CodeableConcept medicine, SessionState state, MedicationAdministration.MedicationAdministrationStatusCodes sessionStatus)
    {
        var stretch = new MedicationAdministration
        {
            Id = bundle.IdOf($"rate|{segment.RateEventId}|{segment.From.UtcTicks}"),
            Status = segment.To is null ? sessionStatus : MedicationAdministration.MedicationAdministrationStatusCodes.Completed,
            Medication = medicine,
            Subject = bundle.Patient,
            Effective = new Period
            {
                StartElement = new FhirDateTime(segment.From),
                EndElement = segment.To is { } to ? new FhirDateTime(to) : null,
            },
            Dosage = new MedicationAdministration.DosageComponent
            {
                Route = state.Route is { } route ? RouteCodes.Of(route) : null,
                Rate = segment.ProgrammedRateUnit == RateUnit.MillilitresPerHour
                    ? Quantities.MlPerHour(segment.ProgrammedRate)
                    : Quantities.MgPerKgPerHour(segment.ProgrammedRate),
            },
        };
        stretch.Identifier.Add(new Identifier(FhirSystems.Event, bundle.Scoped(segment.RateEventId)));
        if (stretch.Dosage.Rate is null)
        {
            stretch.Note.Add(new Annotation { Text = $"The pump's rate, {segment.ProgrammedRate:R} {segment.ProgrammedRateUnit}, is beyond what a FHIR decimal holds here." });
        }

        Keep(stretch);
        stretch.PartOf.Add(infusion);
        bundle.Add(stretch, segment.RateEventId);
    }

    private static ResourceReference AddDiscrete(SessionResources bundle, SessionEventDocument dose, CodeableConcept medicine, SessionState state)
    {
        var payload = dose.Event.GetProperty("payload");
        var administration = new MedicationAdministration
        {
            Id = bundle.IdOf("dose|" + dose.EventId),
            Status = MedicationAdministration.MedicationAdministrationStatusCodes.Completed,
            Subject = bundle.Patient,
            Effective = new FhirDateTime(dose.OccurredAt),
            Dosage = new MedicationAdministration.DosageComponent
            {
                Route = state.Route is { } route ? RouteCodes.Of(route) : null,
                Dose = payload.TryGetProperty("doseMg", out var mg) ? Quantities.Mg(mg) : null,
            },
        };
        administration.Identifier.Add(new Identifier(FhirSystems.Event, bundle.Scoped(dose.EventId)));
        if (administration.Dosage.Dose is null && payload.TryGetProperty("doseMg", out var raw))
        {
            administration.Note.Add(new Annotation { Text = $"The dose as sent, {raw.GetRawText()} mg, is beyond what a FHIR decimal holds here." });
        }

        Keep(administration);
        if (payload.TryGetProperty("lotNumber", out var lot) && lot.ValueKind == JsonValueKind.String)
        {
            administration.Contained.Add(new Medication
            {
                Id = "medicine",
                Code = medicine,
                Batch = new Medication.BatchComponent { LotNumber = lot.GetString() },
            });
            administration.Medication = new ResourceReference("#medicine");
        }
        else
        {
            administration.Medication = medicine;
        }

        return bundle.Add(administration, dose.EventId);
    }

    /// <summary>
    /// A dosage must carry a dose or a rate (R4 invariant mad-1): one that has neither (not computable, or beyond a
    /// decimal; a note says which) is left out whole.
    /// </summary>
    private static void Keep(MedicationAdministration administration)
    {
        if (administration.Dosage is { Dose: null, Rate: null })
        {
            administration.Dosage = null;
        }
    }

    /// <summary>The session's start and end events also stand for the infusion (a finding they trigger is about it).</summary>
    private static IEnumerable<string> StartAndEnd(IReadOnlyList<SessionEventDocument> events) =>
        events.Where(e => e.Type is nameof(EventType.SessionStarted) or nameof(EventType.SessionEnded)).Select(e => e.EventId);

    private static MedicationAdministration.MedicationAdministrationStatusCodes StatusOf(SessionState state) => state.Status switch
    {
        SessionStatus.Running => MedicationAdministration.MedicationAdministrationStatusCodes.InProgress,
        SessionStatus.Paused => MedicationAdministration.MedicationAdministrationStatusCodes.OnHold,
        SessionStatus.Ended when state.EndReason == SessionEndReason.Completed => MedicationAdministration.MedicationAdministrationStatusCodes.Completed,
        SessionStatus.Ended => MedicationAdministration.MedicationAdministrationStatusCodes.Stopped,
        _ => MedicationAdministration.MedicationAdministrationStatusCodes.Unknown,
    };
}
