using System.Text.Json.Nodes;
using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Units;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Contract;

/// <summary>Payloads: mapping to typed values and units, enum spellings, and rules the corpus cannot show alone.</summary>
public sealed class EventParserPayloadTests
{
    [Fact]
    public void An_iv_session_start_is_read_into_units()
    {
        var payload = (SessionStartedPayload)TestEvents.SessionStartedIv().Accepted().Payload;

        payload.ShouldBe(new SessionStartedPayload(
            "MRN-778812",
            "ketamine-iv-depression",
            Route.IV,
            BodyWeight.FromKilograms(70),
            WeightBasedDose.FromMilligramsPerKilogram(0.5),
            null,
            TimeSpan.FromMinutes(40),
            Concentration.FromMilligramsPerMillilitre(1.0),
            null));
    }

    [Fact]
    public void A_fixed_dose_intranasal_session_start_has_no_infusion_values()
    {
        var payload = (SessionStartedPayload)TestEvents.SessionStartedIntranasal().Accepted().Payload;

        payload.Route.ShouldBe(Route.IN);
        payload.PrescribedDose.ShouldBe(Dose.FromMilligrams(56));
        payload.PrescribedDosePerWeight.ShouldBeNull();
        payload.PlannedDuration.ShouldBeNull();
        payload.Concentration.ShouldBeNull();
        payload.PatientAgeYears.ShouldBe(44);
    }

    [Theory]
    [InlineData("IV", Route.IV)]
    [InlineData("SC", Route.SC)]
    [InlineData("IN", Route.IN)]
    [InlineData("IM", Route.IM)]
    public void Every_route_is_accepted_in_its_contract_spelling(string spelling, Route route)
    {
        var payload = (SessionStartedPayload)TestEvents.SessionStartedIv().With("payload.route", spelling).Accepted().Payload;

        payload.Route.ShouldBe(route);
    }

    [Theory]
    [InlineData("nausea", AdverseEffect.Nausea)]
    [InlineData("vomiting", AdverseEffect.Vomiting)]
    [InlineData("dizziness", AdverseEffect.Dizziness)]
    [InlineData("tachycardia", AdverseEffect.Tachycardia)]
    [InlineData("hypertension", AdverseEffect.Hypertension)]
    [InlineData("hallucinations", AdverseEffect.Hallucinations)]
    [InlineData("dissociation", AdverseEffect.Dissociation)]
    [InlineData("sedation", AdverseEffect.Sedation)]
    [InlineData("respiratoryDepression", AdverseEffect.RespiratoryDepression)]
    [InlineData("lossOfConsciousness", AdverseEffect.LossOfConsciousness)]
    [InlineData("agitation", AdverseEffect.Agitation)]
    [InlineData("other", AdverseEffect.Other)]
    public void Every_adverse_effect_is_accepted_in_its_contract_spelling(string spelling, AdverseEffect effect)
    {
        var payload = (AdverseEffectObservedPayload)TestEvents.Of(EventType.AdverseEffectObserved)
            .With("payload.effect", spelling).Accepted().Payload;

        payload.Effect.ShouldBe(effect);
    }

    [Theory]
    [InlineData("mild", AdverseEffectSeverity.Mild)]
    [InlineData("moderate", AdverseEffectSeverity.Moderate)]
    [InlineData("severe", AdverseEffectSeverity.Severe)]
    [InlineData("lifeThreatening", AdverseEffectSeverity.LifeThreatening)]
    public void Every_severity_is_accepted_in_its_contract_spelling(string spelling, AdverseEffectSeverity severity)
    {
        var payload = (AdverseEffectObservedPayload)TestEvents.Of(EventType.AdverseEffectObserved)
            .With("payload.severity", spelling).Accepted().Payload;

        payload.Severity.ShouldBe(severity);
    }

    [Theory]
    [InlineData("completed", SessionEndReason.Completed)]
    [InlineData("stoppedForAdverseEffect", SessionEndReason.StoppedForAdverseEffect)]
    [InlineData("stoppedByPatient", SessionEndReason.StoppedByPatient)]
    [InlineData("deviceFault", SessionEndReason.DeviceFault)]
    [InlineData("other", SessionEndReason.Other)]
    public void Every_session_end_reason_is_accepted_in_its_contract_spelling(string spelling, SessionEndReason reason)
    {
        var payload = (SessionEndedPayload)TestEvents.Of(EventType.SessionEnded).With("payload.reason", spelling).Accepted().Payload;

        payload.Reason.ShouldBe(reason);
    }

    [Fact]
    public void Contract_spellings_cover_every_enum_member()
    {
        // The theories above list the contract's spellings; this keeps a new enum member from slipping past them.
        Enum.GetValues<AdverseEffect>().Length.ShouldBe(12);
        Enum.GetValues<AdverseEffectSeverity>().Length.ShouldBe(4);
        Enum.GetValues<SessionEndReason>().Length.ShouldBe(5);
        Enum.GetValues<Route>().Length.ShouldBe(4);
    }

    [Theory]
    [InlineData("Nausea")]
    [InlineData("NAUSEA")]
    [InlineData(" nausea")]
    [InlineData("0")]
    [InlineData("1")]
    public void Enum_spellings_are_case_sensitive_and_never_numeric(string spelling)
    {
        var rejection = TestEvents.Of(EventType.AdverseEffectObserved).With("payload.effect", spelling).Rejected();

        rejection.Rule.ShouldBe(ContractRule.Enum);
        rejection.Message.ShouldContain("respiratoryDepression");
    }

    [Fact]
    public void A_rate_in_millilitres_per_hour_is_kept_in_that_unit()
    {
        var payload = (InfusionRateChangedPayload)TestEvents.Of(EventType.InfusionRateChanged).Accepted().Payload;

        payload.Rate.ShouldBe(InfusionRate.FromMillilitresPerHour(52.5));
    }

    [Fact]
    public void A_rate_in_milligrams_per_kilogram_per_hour_is_kept_in_that_unit()
    {
        var payload = (InfusionRateChangedPayload)TestEvents.Of(EventType.InfusionRateChanged)
            .Without("payload.rateMlPerHour").With("payload.rateMgPerKgPerHour", 0.75).Accepted().Payload;

        payload.Rate.ShouldBe(InfusionRate.FromMilligramsPerKilogramPerHour(0.75));
    }

    [Fact]
    public void A_rate_of_negative_zero_is_read_as_zero()
    {
        var payload = (InfusionRateChangedPayload)TestEvents.Of(EventType.InfusionRateChanged)
            .WithRaw("payload.rateMlPerHour", "-0.0").Accepted().Payload;

        payload.Rate.IsStopped.ShouldBeTrue();
        double.IsNegative(payload.Rate.VolumeRate!.Value.MillilitresPerHour).ShouldBeFalse();
    }

    [Fact]
    public void Vitals_keep_absent_and_null_readings_apart_from_zero()
    {
        var payload = (VitalsRecordedPayload)TestEvents.Of(EventType.VitalsRecorded)
            .With("payload.systolicMmHg", null).With("payload.respiratoryRatePerMin", 0).Accepted().Payload;

        payload.ShouldBe(new VitalsRecordedPayload(88, null, null, 97, 0));
    }

    [Fact]
    public void Contract_1_1_screening_is_read_with_its_lists_and_answers()
    {
        var payload = (ScreeningRecordedPayload)TestEvents.Of(EventType.ScreeningRecorded)
            .With("payload.contraindications", new JsonArray("aneurysmalVascularDisease"))
            .With("payload.concomitantMedicineClasses", new JsonArray("benzodiazepine", "monoamineOxidaseInhibitor"))
            .With("payload.consentObtained", false)
            .Accepted().Payload;

        payload.ContraindicationsChecked.ShouldBeTrue();
        payload.Contraindications.ShouldBe(["aneurysmalVascularDisease"]);
        payload.ConcomitantMedicineClasses.ShouldBe([MedicineClass.Benzodiazepine, MedicineClass.MonoamineOxidaseInhibitor]);
        payload.ConsentObtained.ShouldBeFalse();
    }

    [Fact]
    public void Contract_1_1_screening_without_lists_has_empty_lists()
    {
        var payload = (ScreeningRecordedPayload)TestEvents.Of(EventType.ScreeningRecorded).With("payload.contraindications", null).Accepted().Payload;

        payload.Contraindications.ShouldBeEmpty();
        payload.ConcomitantMedicineClasses.ShouldBeEmpty();
    }

    [Fact]
    public void Contract_1_1_discharge_reads_the_ready_to_leave_time_when_given()
    {
        var given = (PatientDischargedPayload)TestEvents.Of(EventType.PatientDischarged).Accepted().Payload;
        var absent = (PatientDischargedPayload)TestEvents.Of(EventType.PatientDischarged).Without("payload.readyToLeaveAt").Accepted().Payload;

        given.ReadyToLeaveAt.ShouldBe(new DateTimeOffset(2026, 11, 26, 16, 10, 0, TimeSpan.Zero));
        absent.ReadyToLeaveAt.ShouldBeNull();
    }

    [Fact]
    public void Contract_1_1_lot_number_and_end_tidal_co2_are_read_and_optional()
    {
        var dose = (DoseAdministeredPayload)TestEvents.Of(EventType.DoseAdministered).With("payload.lotNumber", "LOT-24A117").Accepted().Payload;
        var vitals = (VitalsRecordedPayload)TestEvents.Of(EventType.VitalsRecorded).With("payload.etco2MmHg", 38).Accepted().Payload;
        var oldDose = (DoseAdministeredPayload)TestEvents.Of(EventType.DoseAdministered).Accepted().Payload;

        dose.LotNumber.ShouldBe("LOT-24A117");
        vitals.Etco2MmHg.ShouldBe(38);
        oldDose.LotNumber.ShouldBeNull();
    }

    [Fact]
    public void Adverse_effect_optional_fields_are_read_when_present()
    {
        var payload = (AdverseEffectObservedPayload)TestEvents.Of(EventType.AdverseEffectObserved)
            .With("payload.cadssScore", 24).With("payload.note", "reassured").Accepted().Payload;

        payload.CadssScore.ShouldBe(24);
        payload.Note.ShouldBe("reassured");
    }

    [Fact]
    public void A_pause_without_reason_has_a_null_reason()
    {
        var payload = (InfusionPausedPayload)TestEvents.Of(EventType.InfusionPaused).Without("payload.reason").Accepted().Payload;

        payload.Reason.ShouldBeNull();
    }

    [Fact]
    public void A_dose_and_a_pump_total_are_read_into_units()
    {
        ((DoseAdministeredPayload)TestEvents.Of(EventType.DoseAdministered).Accepted().Payload).Dose.ShouldBe(Dose.FromMilligrams(28));
        ((PumpTotalReportedPayload)TestEvents.Of(EventType.PumpTotalReported).Accepted().Payload).VolumeInfused
            .ShouldBe(Volume.FromMillilitres(17.5));
    }

    [Fact]
    public void A_planned_duration_below_one_tick_is_kept_positive()
    {
        var payload = (SessionStartedPayload)TestEvents.SessionStartedIv().With("payload.plannedDurationMin", 1e-12).Accepted().Payload;

        payload.PlannedDuration.ShouldBe(TimeSpan.FromTicks(1));
    }

    [Fact]
    public void The_largest_planned_duration_fits_a_time_span()
    {
        var payload = (SessionStartedPayload)TestEvents.SessionStartedIv().With("payload.plannedDurationMin", 1e9).Accepted().Payload;

        payload.PlannedDuration!.Value.TotalMinutes.ShouldBe(1e9, tolerance: 1e-3);
    }

    [Fact]
    public void Null_optional_infusion_fields_outside_iv_count_as_absent()
    {
        var payload = (SessionStartedPayload)TestEvents.SessionStartedIntranasal()
            .With("payload.plannedDurationMin", null).With("payload.concentrationMgPerMl", null).Accepted().Payload;

        payload.PlannedDuration.ShouldBeNull();
    }

    [Fact]
    public void A_patient_ref_longer_than_128_utf16_units_but_not_128_code_points_is_accepted()
    {
        var payload = (SessionStartedPayload)TestEvents.SessionStartedIv().With("payload.patientRef", string.Concat(Enumerable.Repeat("\U0001F489", 128)))
            .Accepted().Payload;

        payload.PatientRef.Length.ShouldBe(256);
    }

    [Fact]
    public void An_escaped_lone_surrogate_in_free_text_is_rejected_as_string_encoding()
    {
        var json = TestEvents.Of(EventType.InfusionPaused).Json().Replace("patient asked for a break", "x\\udc89", StringComparison.Ordinal);

        var rejection = TestEvents.Rejected(json);

        rejection.Field.ShouldBe("payload.reason");
        rejection.Rule.ShouldBe(ContractRule.StringEncoding);
    }

    [Fact]
    public void The_payload_is_checked_against_the_type_the_envelope_names()
    {
        var rejection = TestEvents.Of(EventType.DoseAdministered).With("type", "PumpTotalReported").Rejected();

        rejection.Field.ShouldBe("payload.volumeInfusedMl");
        rejection.Rule.ShouldBe(ContractRule.Required);
    }

    [Fact]
    public void Rejection_messages_name_the_field_and_what_it_expects()
    {
        var rejection = TestEvents.SessionStartedIv().With("payload.weightKg", 0).Rejected();

        rejection.Message.ShouldBe("payload.weightKg must be greater than 0.");
    }

    [Fact]
    public void Rejection_messages_never_echo_the_patient_reference()
    {
        var rejection = TestEvents.SessionStartedIv().With("payload.patientRef", new string('M', 129)).Rejected();

        rejection.Message.ShouldNotContain("MMM");
    }
}
