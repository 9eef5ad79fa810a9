namespace InfusionAudit.Domain.Contract;

/// <summary>Why a session ended; contract spelling is camelCase of these names.</summary>
public enum SessionEndReason
{
    Completed,
    StoppedForAdverseEffect,
    StoppedByPatient,
    DeviceFault,
    Other,
}
