namespace InfusionAudit.Application.Ports.Sessions;

/// <summary>What is known about sessions across clinics: which clinics hold a session id, which sessions are open, a patient's sessions.</summary>
public interface ISessionDirectory
{
    /// <summary>Writes what a session write changes here (idempotent: a retry or a redelivery writes the same rows).</summary>
    Task RegisterAsync(SessionRegistration registration, CancellationToken cancellationToken);

    /// <summary>The clinics that have stored a session with this id, in ordinal order (none, one, or several).</summary>
    Task<IReadOnlyList<string>> ClinicsOfAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>The sessions that have not ended.</summary>
    Task<IReadOnlyList<OpenSession>> OpenSessionsAsync(CancellationToken cancellationToken);

    /// <summary>The sessions of a patient, by the patient reference hash.</summary>
    Task<IReadOnlyList<PatientSessionRow>> PatientSessionsAsync(string patientRefHash, CancellationToken cancellationToken);
}
