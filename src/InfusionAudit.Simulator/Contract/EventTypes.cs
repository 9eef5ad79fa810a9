namespace InfusionAudit.Simulator.Contract;

/// <summary>The <c>type</c> names of device event contract version 1.</summary>
/// <remarks>
/// The simulator deliberately does not reference the domain project: it plays an outside producer
/// that only knows the published contract, so it spells the names out itself.
/// </remarks>
public static class EventTypes
{
    public const string SessionStarted = "SessionStarted";
    public const string InfusionRateChanged = "InfusionRateChanged";
    public const string InfusionPaused = "InfusionPaused";
    public const string InfusionResumed = "InfusionResumed";
    public const string DoseAdministered = "DoseAdministered";
    public const string PumpTotalReported = "PumpTotalReported";
    public const string VitalsRecorded = "VitalsRecorded";
    public const string AdverseEffectObserved = "AdverseEffectObserved";
    public const string SessionEnded = "SessionEnded";

    /// <summary>Contract 1.1: the pre-dose checklist.</summary>
    public const string ScreeningRecorded = "ScreeningRecorded";

    /// <summary>Contract 1.1: monitoring ended, the patient left.</summary>
    public const string PatientDischarged = "PatientDischarged";
}
