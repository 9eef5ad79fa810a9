namespace InfusionAudit.Domain.Contract;

/// <summary>The event types of device event contract version 1. Names are part of the public contract.</summary>
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
}
