using InfusionAudit.Application.Ports.Sessions;

namespace InfusionAudit.Application.Ports.Indexes;

/// <summary>A finding as filed in its clinic's findings index: under the clinical date of its session.</summary>
/// <param name="SessionDate">The session's clinical date (<see cref="ClinicSessionRow.SessionDate"/>), the same the session is listed under.</param>
public sealed record FiledFinding(SessionFindingRow Finding, DateOnly SessionDate);
