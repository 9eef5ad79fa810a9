namespace InfusionAudit.Application.Audit;

/// <summary>Whether the end of monitoring was recorded for the report's ended sessions (contract 1.1 <c>PatientDischarged</c>).</summary>
/// <param name="Ended">Ended sessions.</param>
/// <param name="Discharged">Ended sessions with a <c>PatientDischarged</c>.</param>
/// <param name="EndedNotDischarged">Ended sessions without one: visible to the auditor, not an alert.</param>
/// <param name="DischargedPercent">100 × discharged ÷ ended, to 0.1 %; null when none ended.</param>
public sealed record DischargeCompleteness(int Ended, int Discharged, int EndedNotDischarged, double? DischargedPercent);
