using InfusionAudit.Domain.Contract;
using InfusionAudit.Domain.Rems;
using InfusionAudit.Domain.Tests.Builders;
using InfusionAudit.Domain.Units;
using Shouldly;
using Xunit;

namespace InfusionAudit.Domain.Tests.Rems;

public sealed class RemsMonitoringFormAssemblerTests
{
    private static SessionBuilder Device(SessionBuilder builder, double minute, string? lot) =>
        builder.Add(minute, EventType.DoseAdministered, new DoseAdministeredPayload(Dose.FromMilligrams(28), lot));

    /// <summary>A complete esketamine session: screening, pre-dose pressure, two devices with lots, 40-minute and late pressures, discharge.</summary>
    private static SessionBuilder Complete()
    {
        var b = new SessionBuilder("S-rems").StartIntranasal()
            .Screening(-20, medicines: [MedicineClass.Benzodiazepine, MedicineClass.Opioid])
            .Vitals(-10, hr: 70, sys: 128, dia: 82, spo2: 98);
        Device(b, 0, "LOT-A");
        Device(b, 5, "LOT-A");
        return b.Vitals(33, sys: 150, dia: 90).Vitals(41, sys: 142, dia: 88).Vitals(48, sys: 138, dia: 86)
            .AdverseEffect(20, AdverseEffect.Dissociation, AdverseEffectSeverity.Mild)
            .AdverseEffect(30, AdverseEffect.Dissociation, AdverseEffectSeverity.Moderate)
            .Vitals(115, sys: 124, dia: 80)
            .End(60)
            .Discharge(125, readyMinute: 122);
    }

    private static RemsMonitoringForm Assemble(SessionBuilder builder)
    {
        var evaluation = builder.Evaluate();
        var protocol = TestProtocols.Library.Find(TestProtocols.InId)!;
        return RemsMonitoringFormAssembler.Assemble(evaluation.State, builder.Events, protocol);
    }

    [Fact]
    public void ACompleteRecordFillsEveryFieldAndListsNothingMissing()
    {
        var form = Assemble(Complete());

        form.Missing.ShouldBeEmpty();
        form.Complete.ShouldBeTrue();
        form.DeviceCount.ShouldBe(2);
        form.TotalDoseMg.ShouldBe(56);
        form.LotNumbers.ShouldBe(["LOT-A"]);
        form.FirstDeviceAt.ShouldBe(SessionBuilder.At(0));
        form.MonitoringEndedAt.ShouldBe(SessionBuilder.At(125));
        form.TotalMonitoringMin.ShouldBe(125);
        form.ReadyToLeaveAt.ShouldBe(SessionBuilder.At(122));
        form.BloodPressureBeforeDosing.ShouldBe(new RemsBloodPressure(SessionBuilder.At(-10), 128, 82, -10));
        form.BloodPressureAt40Minutes.ShouldBe(new RemsBloodPressure(SessionBuilder.At(41), 142, 88, 41), "the reading nearest the middle of 30–50 min");
        form.BloodPressureBeforeDischarge.ShouldBe(new RemsBloodPressure(SessionBuilder.At(115), 124, 80, 115));
        form.Dissociation.ShouldBe(new RemsObservation(true, SessionBuilder.At(20), "moderate"));
        form.Sedation.ShouldBe(RemsObservation.None);
        form.RespiratoryDepression.ShouldBe(RemsObservation.None);
        form.ConcomitantMedicineClasses.ShouldBe([MedicineClass.Benzodiazepine, MedicineClass.Opioid]);
        form.ProtocolId.ShouldBe(TestProtocols.InId);
        form.SessionStatus.ShouldBe("ended");
    }

    [Theory]
    [InlineData(29.9, null)]
    [InlineData(30, 30.0)]
    [InlineData(50, 50.0)]
    [InlineData(50.1, null)]
    public void TheFortyMinutePressureIsTheOneVitalsBp40MinMissingAccepts(double readingMin, double? reported)
    {
        var b = new SessionBuilder().StartIntranasal().Vitals(-1, sys: 120, dia: 80);
        Device(b, 0, "L1");
        var form = Assemble(b.Vitals(readingMin, sys: 130, dia: 85).End(130));

        form.BloodPressureAt40Minutes?.AfterFirstDeviceMin.ShouldBe(reported!.Value, 1e-9);
        (form.BloodPressureAt40Minutes is null).ShouldBe(reported is null);
        form.Missing.Any(m => m.Field == "bloodPressureAt40Minutes").ShouldBe(reported is null);
    }

    [Fact]
    public void AnImplausiblePressureInTheWindowDoesNotCount()
    {
        var b = new SessionBuilder().StartIntranasal();
        Device(b, 0, "L1");
        var form = Assemble(b.Vitals(40, sys: 80, dia: 95).End(130));

        form.BloodPressureAt40Minutes.ShouldBeNull();
        form.Missing.Single(m => m.Field == "bloodPressureAt40Minutes").Reason.ShouldBe("no plausible blood pressure 30–50 min after the first device");
    }

    [Fact]
    public void EachMissingFieldIsListedWithItsReason()
    {
        // Devices without lots, no pre-dose pressure, no 40-minute pressure, no screening, never discharged.
        var b = new SessionBuilder("S-gaps").StartIntranasal();
        Device(b, 0, null);
        Device(b, 5, "LOT-B");
        Device(b, 10, null);
        var form = Assemble(b.Vitals(70, sys: 120, dia: 80).End(130));

        form.Complete.ShouldBeFalse();
        form.Missing.Select(m => m.Field).ShouldBe(
        [
            "devices[0].lotNumber", "devices[2].lotNumber", "monitoringEndedAt", "totalMonitoringMin", "readyToLeaveAt",
            "bloodPressureBeforeDosing", "bloodPressureAt40Minutes", "bloodPressureBeforeDischarge", "concomitantMedicineClasses",
        ]);
        form.Missing[0].Reason.ShouldBe("the device given at 2026-11-26T15:00:00+00:00 has no lotNumber");
        form.Missing.Single(m => m.Field == "monitoringEndedAt").Reason.ShouldBe("no PatientDischarged is recorded");
        form.Missing.Single(m => m.Field == "concomitantMedicineClasses").Reason.ShouldBe("no ScreeningRecorded is recorded");
        form.LotNumbers.ShouldBe(["LOT-B"]);
        RemsMonitoringFormAssembler.MissingFieldNames(form).ShouldStartWith("devices[0].lotNumber,devices[2].lotNumber,monitoringEndedAt,");
    }

    [Fact]
    public void ADischargeWithoutReadyToLeaveAndWithoutALaterPressureIsSaidSo()
    {
        var b = new SessionBuilder().StartIntranasal().Screening(-5).Vitals(-1, sys: 120, dia: 80);
        Device(b, 0, "L1");
        var form = Assemble(b.Vitals(40, sys: 125, dia: 80).Discharge(130));

        form.Missing.Select(m => (m.Field, m.Reason)).ShouldBe(
        [
            ("readyToLeaveAt", "the PatientDischarged has no readyToLeaveAt"),
        ]);
        form.BloodPressureBeforeDischarge.ShouldBe(form.BloodPressureAt40Minutes, "the last reading before the discharge is the 40-minute one");
        form.ConcomitantMedicineClasses.ShouldBeEmpty("a screening that lists no medicine says none");
    }

    [Fact]
    public void ASessionWithNoDeviceMissesTheDeviceFields()
    {
        var form = Assemble(new SessionBuilder().StartIntranasal().Screening(-5).Vitals(-1, sys: 120, dia: 80).End(10).Discharge(20, 20));

        form.Missing.Select(m => m.Field).ShouldBe(
            ["devices", "firstDeviceAt", "totalMonitoringMin", "bloodPressureBeforeDosing", "bloodPressureAt40Minutes", "bloodPressureBeforeDischarge"]);
        form.Missing.ShouldAllBe(m => m.Field == "devices" ? m.Reason == "no DoseAdministered is recorded" : m.Reason == "no device was given");
    }

    [Fact]
    public void TheFormIsAFunctionOfTheSetOfEvents()
    {
        var events = Complete().Events;
        var protocol = TestProtocols.Library.Find(TestProtocols.InId)!;
        var state = Complete().Evaluate().State;
        var forward = RemsMonitoringFormAssembler.Assemble(state, events, protocol);
        var shuffled = RemsMonitoringFormAssembler.Assemble(state, [.. events.Reverse(), .. events.Take(3)], protocol);

        System.Text.Json.JsonSerializer.Serialize(shuffled).ShouldBe(System.Text.Json.JsonSerializer.Serialize(forward));
    }

    [Fact]
    public void OnlyAProtocolThatCarriesTheFormIsAccepted()
    {
        var iv = TestProtocols.Library.Find(TestProtocols.IvId)!;
        RemsMonitoringFormAssembler.AppliesTo(iv).ShouldBeFalse();
        RemsMonitoringFormAssembler.AppliesTo(TestProtocols.Library.Find(TestProtocols.InId)).ShouldBeTrue();
        RemsMonitoringFormAssembler.AppliesTo(null).ShouldBeFalse();
        Should.Throw<ArgumentException>(() => RemsMonitoringFormAssembler.Assemble(SessionBuilder.StandardIv().Evaluate().State, SessionBuilder.StandardIv().Events, iv));
    }
}
