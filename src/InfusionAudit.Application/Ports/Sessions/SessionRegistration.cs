namespace InfusionAudit.Application.Ports.Sessions;

/// <summary>What a session write changes in the <see cref="ISessionDirectory"/>, written together in one transaction.</summary>
/// <param name="Claim">The write creates the session: record that <paramref name="ClinicId"/> holds a session with this id.</param>
/// <param name="Patient">The session's row in its patient's history, written when the start arrives.</param>
/// <param name="Open">True: the session is open (the clock judges it); false: it ended; null: no change.</param>
public sealed record SessionRegistration(
    string SessionId,
    string ClinicId,
    bool Claim,
    DateTimeOffset At,
    PatientSessionRow? Patient,
    bool? Open)
{
    /// <summary>True when there is nothing to write.</summary>
    public bool IsEmpty => !Claim && Patient is null && Open is null;
}
