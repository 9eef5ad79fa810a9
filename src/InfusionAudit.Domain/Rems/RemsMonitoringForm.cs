using InfusionAudit.Domain.Contract;

namespace InfusionAudit.Domain.Rems;

/// <summary>
/// The content of the esketamine REMS Patient Monitoring Form for one intranasal session, as far as the record holds it
/// (<see cref="RemsMonitoringFormAssembler"/>). No patient reference: the form is filed per session. Every field the
/// record cannot fill is listed in <see cref="Missing"/>; the form is <see cref="Complete"/> when that list is empty.
/// </summary>
/// <param name="SessionId">The session.</param>
/// <param name="ClinicId">Its clinic.</param>
/// <param name="ProtocolId">The protocol it was judged against.</param>
/// <param name="ProtocolVersion">That protocol's version.</param>
/// <param name="SessionStatus">Where the session stands (camelCase status): a running session's form is still filling.</param>
/// <param name="Devices">The devices given, in time order, each with its dose and lot number.</param>
/// <param name="DeviceCount">How many devices were given.</param>
/// <param name="TotalDoseMg">Sum of the devices' doses, mg.</param>
/// <param name="LotNumbers">The distinct lot numbers recorded, in first-use order.</param>
/// <param name="FirstDeviceAt">When the first device was given.</param>
/// <param name="MonitoringEndedAt">End of monitoring: the first <c>PatientDischarged</c>.</param>
/// <param name="TotalMonitoringMin">From the first device to the end of monitoring, minutes.</param>
/// <param name="ReadyToLeaveAt">When the clinician judged the patient ready to leave (that discharge's <c>readyToLeaveAt</c>).</param>
/// <param name="BloodPressureBeforeDosing">The last plausible blood pressure before the first device.</param>
/// <param name="BloodPressureAt40Minutes">
/// The plausible blood pressure in the window of <c>VITALS-BP-40MIN-MISSING</c> (protocol <c>vitals.bpAfterFirstDose</c>,
/// 30–50 min after the first device) nearest its middle; the earlier one on a tie.
/// </param>
/// <param name="BloodPressureBeforeDischarge">The last plausible blood pressure after the first device and before the discharge.</param>
/// <param name="Sedation">Sedation reported (<c>AdverseEffectObserved</c> <c>sedation</c>).</param>
/// <param name="Dissociation">Dissociation reported.</param>
/// <param name="RespiratoryDepression">Respiratory depression reported.</param>
/// <param name="ConcomitantMedicineClasses">The classes of the first <c>ScreeningRecorded</c>; null when there is no screening.</param>
/// <param name="Complete">True when <paramref name="Missing"/> is empty.</param>
/// <param name="Missing">Each field the record cannot fill, with the reason, in form order.</param>
public sealed record RemsMonitoringForm(
    string SessionId,
    string ClinicId,
    string? ProtocolId,
    int? ProtocolVersion,
    string SessionStatus,
    IReadOnlyList<RemsDeviceDose> Devices,
    int DeviceCount,
    double TotalDoseMg,
    IReadOnlyList<string> LotNumbers,
    DateTimeOffset? FirstDeviceAt,
    DateTimeOffset? MonitoringEndedAt,
    double? TotalMonitoringMin,
    DateTimeOffset? ReadyToLeaveAt,
    RemsBloodPressure? BloodPressureBeforeDosing,
    RemsBloodPressure? BloodPressureAt40Minutes,
    RemsBloodPressure? BloodPressureBeforeDischarge,
    RemsObservation Sedation,
    RemsObservation Dissociation,
    RemsObservation RespiratoryDepression,
    IReadOnlyList<MedicineClass>? ConcomitantMedicineClasses,
    bool Complete,
    IReadOnlyList<RemsMissingField> Missing);
