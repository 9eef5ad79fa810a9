using System.Text.Json;
using InfusionAudit.Domain.Rems;

namespace InfusionAudit.Application.Audit;

/// <summary>
/// The REMS monitoring forms as CSV for submission: one line per session, the form's fields in form order, lists joined
/// by ';', numbers rounded by the unit in the column name (<see cref="ClinicalPrecision"/>).
/// </summary>
public static class RemsFormCsv
{
    public static CsvColumns<RemsMonitoringForm> Columns { get; } = new(
        [
            "sessionId", "clinicId", "protocolId", "protocolVersion", "sessionStatus", "deviceCount", "totalDoseMg", "deviceDosesMg", "lotNumbers",
            "firstDeviceAt", "monitoringEndedAt", "totalMonitoringMin", "readyToLeaveAt",
            "bpBeforeDosingAt", "bpBeforeDosingSystolicMmHg", "bpBeforeDosingDiastolicMmHg",
            "bpAt40MinutesAt", "bpAt40MinutesSystolicMmHg", "bpAt40MinutesDiastolicMmHg", "bpAt40MinutesAfterFirstDeviceMin",
            "bpBeforeDischargeAt", "bpBeforeDischargeSystolicMmHg", "bpBeforeDischargeDiastolicMmHg",
            "sedationObserved", "dissociationObserved", "respiratoryDepressionObserved", "concomitantMedicineClasses",
            "complete", "missingFields",
        ],
        f =>
        [
            f.SessionId, f.ClinicId, f.ProtocolId, f.ProtocolVersion, f.SessionStatus, f.DeviceCount, Round("totalDoseMg", f.TotalDoseMg),
            string.Join(';', f.Devices.Select(d => ClinicalPrecision.Number(ClinicalPrecision.Round("doseMg", d.DoseMg)))),
            string.Join(';', f.LotNumbers),
            f.FirstDeviceAt, f.MonitoringEndedAt, Round("totalMonitoringMin", f.TotalMonitoringMin), f.ReadyToLeaveAt,
            f.BloodPressureBeforeDosing?.At, Round("systolicMmHg", f.BloodPressureBeforeDosing?.SystolicMmHg), Round("diastolicMmHg", f.BloodPressureBeforeDosing?.DiastolicMmHg),
            f.BloodPressureAt40Minutes?.At, Round("systolicMmHg", f.BloodPressureAt40Minutes?.SystolicMmHg), Round("diastolicMmHg", f.BloodPressureAt40Minutes?.DiastolicMmHg),
            Round("afterFirstDeviceMin", f.BloodPressureAt40Minutes?.AfterFirstDeviceMin),
            f.BloodPressureBeforeDischarge?.At, Round("systolicMmHg", f.BloodPressureBeforeDischarge?.SystolicMmHg), Round("diastolicMmHg", f.BloodPressureBeforeDischarge?.DiastolicMmHg),
            f.Sedation.Observed, f.Dissociation.Observed, f.RespiratoryDepression.Observed,
            f.ConcomitantMedicineClasses is { } classes ? string.Join(';', classes.Select(c => JsonNamingPolicy.CamelCase.ConvertName(c.ToString()))) : null,
            f.Complete,
            string.Join(';', f.Missing.Select(m => m.Field)),
        ]);

    private static double? Round(string name, double? value) => ClinicalPrecision.Round(name, value);
}
