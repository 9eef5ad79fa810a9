using InfusionAudit.Domain.Sessions;
using InfusionAudit.Application.Ports.Sessions;

namespace InfusionAudit.Application.Sessions;

/// <summary>The patient's other sessions as used for one evaluation, and what the lookup did in the session directory.</summary>
/// <param name="History">The history as used by the engine.</param>
/// <param name="Json">The history as stored on the session state; null while the session knows no history.</param>
/// <param name="Registered">
/// The lookup registered the session in the directory first (its patient row, with the claim and the open row of a new
/// session), so the index write must not do it again.
/// </param>
/// <param name="OpenRegistered">The registration put the session on the open list.</param>
/// <param name="Patient">Every session of the patient as the lookup read them, this one included; empty without a lookup.</param>
/// <param name="Dependents">Sessions of the patient whose findings may depend on this one (started at or after it): they are judged again.</param>
public sealed record PatientHistoryLookup(
    PatientHistory History,
    string? Json,
    bool Registered,
    bool OpenRegistered,
    IReadOnlyList<PriorSession> Patient,
    IReadOnlyList<PatientSessionRow> Dependents)
{
    /// <summary>The history stored on the session, without a lookup.</summary>
    public static PatientHistoryLookup Stored(PatientHistory history, string? json) => new(history, json, false, false, [], []);
}
