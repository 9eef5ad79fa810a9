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
    public void AnIvSessionStartIsReadIntoUnits()
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
    public void AFixedDoseIntranasalSessionStartHasNoInfusionValues()
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
    public void EveryRouteIsAcceptedInItsContractSpelling(string spelling, Route route)
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
    public void EveryAdverseEffectIsAcceptedInItsContractSpelling(string spelling, AdverseEffect effect)
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
    public void EverySeverityIsAcceptedInItsContractSpelling(string spelling, AdverseEffectSeverity severity)
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
    public void EverySessionEndReasonIsAcceptedInItsContractSpelling(string spelling, SessionEndReason reason)
    {
        var payload = (SessionEndedPayload)TestEvents.Of(EventType.SessionEnded).With("payload.reason", spelling).Accepted().Payload;

        payload.Reason.ShouldBe(reason);
    }

    [Fact]
    public void ContractSpellingsCoverEveryEnumMember()
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
    public void EnumSpellingsAreCaseSensitiveAndNeverNumeric(string spelling)
    {
        var rejection = TestEvents.Of(EventType.AdverseEffectObserved).With("payload.effect", spelling).Rejected();

        rejection.Rule.ShouldBe(ContractRule.Enum);
        rejection.Message.ShouldContain("respiratoryDepression");
    }

    [Fact]
    public void ARateInMillilitresPerHourIsKeptInThatUnit()
    {
        var payload = (InfusionRateChangedPayload)TestEvents.Of(EventType.InfusionRateChanged).Accepted().Payload;

        payload.Rate.ShouldBe(InfusionRate.FromMillilitresPerHour(52.5));
    }

    [Fact]
    public void ARateInMilligramsPerKilogramPerHourIsKeptInThatUnit()
    {
        var payload = (InfusionRateChangedPayload)TestEvents.Of(EventType.InfusionRateChanged)
            .Without("payload.rateMlPerHour").With("payload.rateMgPerKgPerHour", 0.75).Accepted().Payload;

        payload.Rate.ShouldBe(InfusionRate.FromMilligramsPerKilogramPerHour(0.75));
    }

    [Fact]
    public void ARateOfNegativeZeroIsReadAsZero()
    {
        var payload = (InfusionRateChangedPayload)TestEvents.Of(EventType.InfusionRateChanged)
            .WithRaw("payload.rateMlPerHour", "-0.0").Accepted().Payload;

        payload.Rate.IsStopped.ShouldBeTrue();
        double.IsNegative(payload.Rate.VolumeRate!.Value.MillilitresPerHour).ShouldBeFalse();
    }

    [Fact]
    public void VitalsKeepAbsentAndNullReadingsApartFromZero()
    {
        var payload = (VitalsRecordedPayload)TestEvents.Of(EventType.VitalsRecorded)
            .With("payload.systolicMmHg", null).With("payload.respiratoryRatePerMin", 0).Accepted().Payload;

        payload.ShouldBe(new VitalsRecordedPayload(88, null, null, 97, 0));
    }

    [Fact]
    public void Contract1Point1ScreeningIsReadWithItsListsAndAnswers()
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
    public void Contract1Point1ScreeningWithoutListsHasEmptyLists()
    {
        var payload = (ScreeningRecordedPayload)TestEvents.Of(EventType.ScreeningRecorded).With("payload.contraindications", null).Accepted().Payload;

        payload.Contraindications.ShouldBeEmpty();
        payload.ConcomitantMedicineClasses.ShouldBeEmpty();
    }

    [Fact]
    public void Contract1Point1DischargeReadsTheReadyToLeaveTimeWhenGiven()
    {
        var given = (PatientDischargedPayload)TestEvents.Of(EventType.PatientDischarged).Accepted().Payload;
        var absent = (PatientDischargedPayload)TestEvents.Of(EventType.PatientDischarged).Without("payload.readyToLeaveAt").Accepted().Payload;

        given.ReadyToLeaveAt.ShouldBe(new DateTimeOffset(2026, 11, 26, 16, 10, 0, TimeSpan.Zero));
        absent.ReadyToLeaveAt.ShouldBeNull();
    }

    [Fact]
    public void Contract1Point1LotNumberAndEndTidalCo2AreReadAndOptional()
    {
        var dose = (DoseAdministeredPayload)TestEvents.Of(EventType.DoseAdministered).With("payload.lotNumber", "LOT-24A117").Accepted().Payload;
        var vitals = (VitalsRecordedPayload)TestEvents.Of(EventType.VitalsRecorded).With("payload.etco2MmHg", 38).Accepted().Payload;
        var oldDose = (DoseAdministeredPayload)TestEvents.Of(EventType.DoseAdministered).Accepted().Payload;

        dose.LotNumber.ShouldBe("LOT-24A117");
        vitals.Etco2MmHg.ShouldBe(38);
        oldDose.LotNumber.ShouldBeNull();
    }

    [Fact]
    public void AdverseEffectOptionalFieldsAreReadWhenPresent()
    {
        var payload = (AdverseEffectObservedPayload)TestEvents.Of(EventType.AdverseEffectObserved)
            .With("payload.cadssScore", 24).With("payload.note", "reassured").Accepted().Payload;

        payload.CadssScore.ShouldBe(24);
        payload.Note.ShouldBe("reassured");
    }

    [Fact]
    public void APauseWithoutReasonHasANullReason()
    {
        var payload = (InfusionPausedPayload)TestEvents.Of(EventType.InfusionPaused).Without("payload.reason").Accepted().Payload;

        payload.Reason.ShouldBeNull();
    }

    [Fact]
    public void ADoseAndAPumpTotalAreReadIntoUnits()
    {
        ((DoseAdministeredPayload)TestEvents.Of(EventType.DoseAdministered).Accepted().Payload).Dose.ShouldBe(Dose.FromMilligrams(28));
        ((PumpTotalReportedPayload)TestEvents.Of(EventType.PumpTotalReported).Accepted().Payload).VolumeInfused
            .ShouldBe(Volume.FromMillilitres(17.5));
    }

    [Fact]
    public void APlannedDurationBelowOneTickIsKeptPositive()
    {
        var payload = (SessionStartedPayload)TestEvents.SessionStartedIv().With("payload.plannedDurationMin", 1e-12).Accepted().Payload;

        payload.PlannedDuration.ShouldBe(TimeSpan.FromTicks(1));
    }

    [Fact]
    public void TheLargestPlannedDurationFitsATimeSpan()
    {
        var payload = (SessionStartedPayload)TestEvents.SessionStartedIv().With("payload.plannedDurationMin", 1e9).Accepted().Payload;

        payload.PlannedDuration!.Value.TotalMinutes.ShouldBe(1e9, tolerance: 1e-3);
    }

    [Fact]
    public void NullOptionalInfusionFieldsOutsideIvCountAsAbsent()
    {
        var payload = (SessionStartedPayload)TestEvents.SessionStartedIntranasal()
            .With("payload.plannedDurationMin", null).With("payload.concentrationMgPerMl", null).Accepted().Payload;

        payload.PlannedDuration.ShouldBeNull();
    }

    [Fact]
    public void APatientRefLongerThan128Utf16UnitsButNot128CodePointsIsAccepted()
    {
        var payload = (SessionStartedPayload)TestEvents.SessionStartedIv().With("payload.patientRef", string.Concat(Enumerable.Repeat("\U0001F489", 128)))
            .Accepted().Payload;

        payload.PatientRef.Length.ShouldBe(256);
    }

    [Fact]
    public void AnEscapedLoneSurrogateInFreeTextIsRejectedAsStringEncoding()
    {
        var json = TestEvents.Of(EventType.InfusionPaused).Json().Replace("patient asked for a break", "x\\udc89", StringComparison.Ordinal);

        var rejection = TestEvents.Rejected(json);

        rejection.Field.ShouldBe("payload.reason");
        rejection.Rule.ShouldBe(ContractRule.StringEncoding);
    }

    [Fact]
    public void ThePayloadIsCheckedAgainstTheTypeTheEnvelopeNames()
    {
        var rejection = TestEvents.Of(EventType.DoseAdministered).With("type", "PumpTotalReported").Rejected();

        rejection.Field.ShouldBe("payload.volumeInfusedMl");
        rejection.Rule.ShouldBe(ContractRule.Required);
    }

    [Fact]
    public void RejectionMessagesNameTheFieldAndWhatItExpects()
    {
        var rejection = TestEvents.SessionStartedIv().With("payload.weightKg", 0).Rejected();

        rejection.Message.ShouldBe("payload.weightKg must be greater than 0.");
    }

    [Fact]
    public void RejectionMessagesNeverEchoThePatientReference()
    {
        var rejection = TestEvents.SessionStartedIv().With("payload.patientRef", new string('M', 129)).Rejected();

        rejection.Message.ShouldNotContain("MMM");
    }
}
