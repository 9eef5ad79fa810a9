namespace InfusionAudit.Domain.Contract;

/// <summary>The event types of device event contract version 1 (1.1 added the last two). Names are part of the public contract.</summary>
public enum EventType
{
    SessionStarted,
    InfusionRateChanged,
    InfusionPaused,
    InfusionResumed,
    DoseAdministered,
    PumpTotalReported,
    VitalsRecorded,
    AdverseEffectObserved,
    SessionEnded,
    ScreeningRecorded,
    PatientDischarged,
}
