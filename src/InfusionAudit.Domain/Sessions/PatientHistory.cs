namespace InfusionAudit.Domain.Sessions;

/// <summary>The other sessions of the session's patient, for <c>PATIENT-INTERVAL</c> and first-session dosing.</summary>
/// <param name="Sessions">Sessions in any order.</param>
public sealed record PatientHistory(IReadOnlyList<PriorSession> Sessions)
{
    /// <summary>A patient with no other session.</summary>
    public static PatientHistory Empty { get; } = new([]);
}
