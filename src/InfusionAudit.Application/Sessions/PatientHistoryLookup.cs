using InfusionAudit.Domain.Sessions;
using InfusionAudit.Storage.Sessions;

namespace InfusionAudit.Application.Sessions;

/// <summary>The patient's other sessions as used for one evaluation, and whether this session must be added to the patient index.</summary>
/// <param name="History">The history as used by the engine.</param>
/// <param name="Json">The history as stored on the session state (looked up once, at start).</param>
/// <param name="ThisSession">This session's patient index row when it still has to be written.</param>
public sealed record PatientHistoryLookup(PatientHistory History, string? Json, PatientSessionRow? ThisSession);
